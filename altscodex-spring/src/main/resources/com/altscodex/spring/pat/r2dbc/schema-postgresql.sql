-- Personal access tokens, for R2dbcPersonalAccessTokenService on PostgreSQL.
-- Every statement may run again on a database that has the schema.

-- token_hash is the SHA-256 of the token in hex: the token itself is never kept
CREATE TABLE IF NOT EXISTS altscodex_personal_access_tokens (
	id VARCHAR(36) NOT NULL PRIMARY KEY,
	owner_id VARCHAR(128) NOT NULL,
	name VARCHAR(100) NOT NULL,
	token_hash VARCHAR(64) NOT NULL,
	scopes VARCHAR(3300) NOT NULL,
	created_at TIMESTAMPTZ NOT NULL,
	expires_at TIMESTAMPTZ,
	last_used_at TIMESTAMPTZ,
	revoked_at TIMESTAMPTZ
);

CREATE UNIQUE INDEX IF NOT EXISTS altscodex_personal_access_tokens_hash_idx ON altscodex_personal_access_tokens (token_hash);

CREATE INDEX IF NOT EXISTS altscodex_personal_access_tokens_owner_idx ON altscodex_personal_access_tokens (owner_id);

-- one row per owner, locked while a token of theirs is created so that the limit of live tokens holds
CREATE TABLE IF NOT EXISTS altscodex_personal_access_token_owners (
	owner_id VARCHAR(128) NOT NULL PRIMARY KEY
);
