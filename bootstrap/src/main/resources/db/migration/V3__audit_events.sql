-- The append-only, hash-chained audit trail (ADR 0009). No foreign keys: events outlive the users they name.
CREATE TABLE audit_events (
    sequence       BIGINT                   NOT NULL PRIMARY KEY,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id       UUID,
    client_address VARCHAR(64),
    action         VARCHAR(64)              NOT NULL,
    target_user_id UUID,
    -- form-encoded, sorted key=value pairs; never personal data
    details        VARCHAR(4000)            NOT NULL,
    previous_hash  CHAR(64)                 NOT NULL,
    hash           CHAR(64)                 NOT NULL
);
CREATE INDEX ix_audit_events_target ON audit_events (target_user_id, sequence);
CREATE INDEX ix_audit_events_actor ON audit_events (actor_id, sequence);
CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at);

-- The end of the chain. Appends lock this row, so concurrent writers take turns and cannot fork the chain.
CREATE TABLE audit_chain_head (
    id            INT      NOT NULL PRIMARY KEY,
    last_sequence BIGINT   NOT NULL,
    last_hash     CHAR(64) NOT NULL
);
INSERT INTO audit_chain_head (id, last_sequence, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
