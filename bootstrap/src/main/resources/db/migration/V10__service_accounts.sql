-- Service accounts (issue 12 point 7): non-human callers with an API key of their own. Only the key's SHA-256 (hex) is
-- stored, unique, and looked up on every request that presents a key. scopes is a space-separated list of scope names
-- (as in OAuth's scope parameter), written and read only by JdbcServiceAccountRepository. A revoked account keeps its
-- row (revoked_at set) for the record; its key is refused.
CREATE TABLE service_accounts (
    id            UUID                     NOT NULL PRIMARY KEY,
    name          VARCHAR(100)             NOT NULL,
    scopes        VARCHAR(200)             NOT NULL,
    key_hash      CHAR(64)                 NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    key_issued_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_service_accounts_key_hash UNIQUE (key_hash)
);
CREATE INDEX ix_service_accounts_created ON service_accounts (created_at, id);
