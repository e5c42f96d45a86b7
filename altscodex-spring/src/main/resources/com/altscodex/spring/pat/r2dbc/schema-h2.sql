-- Personal access tokens, for R2dbcPersonalAccessTokenService on H2.
-- Every statement may run again on a database that has the schema.

-- token_hash is the SHA-256 of the token in hex: the token itself is never kept
CREATE TABLE IF NOT EXISTS altscodex_personal_access_tokens (
	id VARCHAR(36) NOT NULL PRIMARY KEY,
	owner_id VARCHAR(128) NOT NULL,
	name VARCHAR(100) NOT NULL,
	token_hash VARCHAR(64) NOT NULL,
	scopes VARCHAR(3300) NOT NULL,
	created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP(6) WITH TIME ZONE,
	last_used_at TIMESTAMP(6) WITH TIME ZONE,
	revoked_at TIMESTAMP(6) WITH TIME ZONE
);

CREATE UNIQUE INDEX IF NOT EXISTS altscodex_personal_access_tokens_hash_idx ON altscodex_personal_access_tokens (token_hash);

CREATE INDEX IF NOT EXISTS altscodex_personal_access_tokens_owner_idx ON altscodex_personal_access_tokens (owner_id);

-- one row per owner, locked while a token of theirs is created so that the limit of live tokens holds
CREATE TABLE IF NOT EXISTS altscodex_personal_access_token_owners (
	owner_id VARCHAR(128) NOT NULL PRIMARY KEY
);
