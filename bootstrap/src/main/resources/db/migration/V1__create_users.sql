-- Portable schema: runs on H2 (MODE=PostgreSQL) and on PostgreSQL 15+. PostgreSQL-only improvements live in
-- db/postgres (added by PostgresMigrationLocations when the database is PostgreSQL).

CREATE TABLE users (
    id                 UUID                     NOT NULL PRIMARY KEY,
    email              VARCHAR(254)             NOT NULL,
    -- case-folded email: the uniqueness and search key (computed in Java so both databases agree)
    -- (folding can lengthen text, e.g. U+0390 becomes three characters, hence the wider columns)
    email_canonical    VARCHAR(1024)            NOT NULL,
    display_name       VARCHAR(400),
    display_name_lower VARCHAR(1600),
    phone              VARCHAR(16),
    password_hash      VARCHAR(512),
    status             VARCHAR(16)              NOT NULL,
    active             BOOLEAN                  NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login_at      TIMESTAMP WITH TIME ZONE,
    deleted_at         TIMESTAMP WITH TIME ZONE,
    anonymized_at      TIMESTAMP WITH TIME ZONE,
    version            BIGINT                   NOT NULL,
    CONSTRAINT uq_users_email_canonical UNIQUE (email_canonical),
    CONSTRAINT ck_users_status CHECK (status IN ('ACTIVE', 'DEACTIVATED', 'DELETED', 'ANONYMIZED'))
);

-- keyset pagination: (sort key, id) row-value comparisons
CREATE INDEX ix_users_created_at_id ON users (created_at, id);
CREATE INDEX ix_users_email_canonical_id ON users (email_canonical, id);
CREATE INDEX ix_users_status ON users (status);

CREATE TABLE user_roles (
    user_id UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    VARCHAR(16) NOT NULL,
    PRIMARY KEY (user_id, role),
    CONSTRAINT ck_user_roles_role CHECK (role IN ('USER', 'AUDITOR', 'ADMIN'))
);
CREATE INDEX ix_user_roles_role ON user_roles (role, user_id);

CREATE TABLE user_attributes (
    user_id    UUID          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    attr_key   VARCHAR(64)   NOT NULL,
    attr_value VARCHAR(4000) NOT NULL,
    PRIMARY KEY (user_id, attr_key)
);
CREATE INDEX ix_user_attributes_key ON user_attributes (attr_key);
