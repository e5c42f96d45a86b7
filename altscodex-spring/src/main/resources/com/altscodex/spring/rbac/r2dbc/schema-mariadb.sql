-- Roles, their grants and inclusions, users' assignments and the audit log, for R2dbcRoleService on MariaDB.
-- MariaDB has no TIMESTAMP WITH TIME ZONE: times are DATETIME(6) in UTC. Names compare byte for byte (utf8mb4_bin),
-- as on the other databases.
-- Every statement may run again on a database that has the schema.

CREATE TABLE IF NOT EXISTS altscodex_roles (
	name VARCHAR(64) NOT NULL PRIMARY KEY,
	description VARCHAR(500),
	created_at DATETIME(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- the primary key serves the lookups by role
CREATE TABLE IF NOT EXISTS altscodex_role_permissions (
	role VARCHAR(64) NOT NULL,
	permission VARCHAR(100) NOT NULL,
	CONSTRAINT altscodex_role_permissions_pk PRIMARY KEY (role, permission),
	CONSTRAINT altscodex_role_permissions_role_fk FOREIGN KEY (role) REFERENCES altscodex_roles (name)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE IF NOT EXISTS altscodex_role_inclusions (
	role VARCHAR(64) NOT NULL,
	included_role VARCHAR(64) NOT NULL,
	CONSTRAINT altscodex_role_inclusions_pk PRIMARY KEY (role, included_role),
	CONSTRAINT altscodex_role_inclusions_role_fk FOREIGN KEY (role) REFERENCES altscodex_roles (name),
	CONSTRAINT altscodex_role_inclusions_included_fk FOREIGN KEY (included_role) REFERENCES altscodex_roles (name)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE INDEX IF NOT EXISTS altscodex_role_inclusions_included_idx ON altscodex_role_inclusions (included_role);

-- the primary key serves the lookups by slot id
CREATE TABLE IF NOT EXISTS altscodex_user_roles (
	slot_id VARCHAR(128) NOT NULL,
	role VARCHAR(64) NOT NULL,
	CONSTRAINT altscodex_user_roles_pk PRIMARY KEY (slot_id, role),
	CONSTRAINT altscodex_user_roles_role_fk FOREIGN KEY (role) REFERENCES altscodex_roles (name)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE INDEX IF NOT EXISTS altscodex_user_roles_role_idx ON altscodex_user_roles (role);

-- no foreign key: the log outlives the roles it names
CREATE TABLE IF NOT EXISTS altscodex_role_audit_log (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	at DATETIME(6) NOT NULL,
	actor VARCHAR(100) NOT NULL,
	action VARCHAR(32) NOT NULL,
	role VARCHAR(64) NOT NULL,
	subject VARCHAR(128)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE INDEX IF NOT EXISTS altscodex_role_audit_log_at_idx ON altscodex_role_audit_log (at);
