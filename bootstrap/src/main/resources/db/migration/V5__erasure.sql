-- Erasure receipts: one per erased user, no personal data, kept after a later purge (no foreign key).
CREATE TABLE erasure_receipts (
    id            UUID                     NOT NULL PRIMARY KEY,
    user_id       UUID                     NOT NULL,
    requested_by  UUID,
    erased_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    erased_fields VARCHAR(1000)            NOT NULL,
    -- form-encoded kind=count pairs of removed related records
    removed       VARCHAR(1000)            NOT NULL,
    CONSTRAINT uq_erasure_receipts_user UNIQUE (user_id)
);

-- Legal holds (GDPR Art. 17(3)): while one stands, erasure and purge are refused.
CREATE TABLE legal_holds (
    user_id   UUID                     NOT NULL PRIMARY KEY REFERENCES users (id),
    reason    VARCHAR(4000)            NOT NULL,
    placed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    placed_by UUID
);
