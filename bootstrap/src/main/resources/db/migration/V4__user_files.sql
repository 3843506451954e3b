-- Metadata of the files a user owns: its "resources" for the no-resources rule of hard delete. The foreign key has
-- no cascade on purpose: the database refuses to purge a user who still owns files, backing the service's rule.
CREATE TABLE user_files (
    id           UUID                     NOT NULL PRIMARY KEY,
    owner_id     UUID                     NOT NULL REFERENCES users (id),
    name         VARCHAR(1024)            NOT NULL,
    size_bytes   BIGINT                   NOT NULL,
    content_type VARCHAR(255)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_user_files_owner ON user_files (owner_id, created_at);
