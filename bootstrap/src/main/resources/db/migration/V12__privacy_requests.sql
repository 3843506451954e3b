-- Privacy requests (SPEC §8, issue 13): GDPR requests with their due dates, history and outcome, the data packages that
-- fulfilled access and portability requests, and the restriction of processing (Art. 18). Portable between H2
-- (MODE=PostgreSQL) and PostgreSQL.

-- Restricted users are kept but left out of bulk exports until the restriction is lifted.
ALTER TABLE users ADD COLUMN restricted BOOLEAN NOT NULL DEFAULT FALSE;

-- One row per request. user_id has no foreign key: a request is the record of what was asked and done, and outlives a
-- purge of its user. The texts people write (note, extension_reason, outcome_note, refusal_reason) are kept here only,
-- never in audit_events or change_events. An extension is present when extension_months is set; an outcome when
-- outcome_recorded is true (closed_at is null while an ERASURE is IN_PROGRESS).
CREATE TABLE privacy_requests (
    id                   UUID                     NOT NULL PRIMARY KEY,
    request_type         VARCHAR(16)              NOT NULL
        CHECK (request_type IN ('ACCESS', 'PORTABILITY', 'ERASURE', 'RECTIFICATION', 'RESTRICTION', 'OBJECTION')),
    user_id              UUID                     NOT NULL,
    received_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    status               VARCHAR(16)              NOT NULL
        CHECK (status IN ('RECEIVED', 'IN_PROGRESS', 'EXTENDED', 'COMPLETED', 'REFUSED')),
    note                 VARCHAR(2000),
    extension_reason     VARCHAR(1000),
    extension_months     INT CHECK (extension_months IN (1, 2)),
    extended_at          TIMESTAMP WITH TIME ZONE,
    extended_by          UUID,
    outcome_recorded     BOOLEAN                  NOT NULL,
    closed_at            TIMESTAMP WITH TIME ZONE,
    closed_by            UUID,
    outcome_note         VARCHAR(2000),
    refusal_reason       VARCHAR(1000),
    receipt_id           UUID,
    package_generated_at TIMESTAMP WITH TIME ZONE,
    package_size         BIGINT                   NOT NULL,
    user_restricted      BOOLEAN                  NOT NULL
);
-- the queue (by due date), a user's requests, and the open/overdue figures
CREATE INDEX ix_privacy_requests_due ON privacy_requests (due_at, id);
CREATE INDEX ix_privacy_requests_user ON privacy_requests (user_id, due_at, id);
CREATE INDEX ix_privacy_requests_status ON privacy_requests (status, due_at, id);

-- The history of a request, one row per step, numbered from 0. detail is from a fixed vocabulary (months=2,
-- legal-hold, receipt=<id>), never free text.
CREATE TABLE privacy_request_steps (
    request_id  UUID                     NOT NULL REFERENCES privacy_requests (id) ON DELETE CASCADE,
    step_no     INT                      NOT NULL,
    action      VARCHAR(32)              NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id    UUID,
    detail      VARCHAR(200),
    PRIMARY KEY (request_id, step_no)
);

-- The data package attached to a completed ACCESS or PORTABILITY request: the JSON document served on download. It is
-- personal data: erasure deletes the user's packages (by user_id) with the user's other records.
CREATE TABLE privacy_request_packages (
    request_id   UUID                     NOT NULL PRIMARY KEY REFERENCES privacy_requests (id) ON DELETE CASCADE,
    user_id      UUID                     NOT NULL,
    generated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    content      TEXT                     NOT NULL
);
CREATE INDEX ix_privacy_request_packages_user ON privacy_request_packages (user_id);
