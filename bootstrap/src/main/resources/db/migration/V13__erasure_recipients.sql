-- Erasure recipients (SPEC §8): downstream services asked, with signed user.erasure_requested deliveries, to erase a
-- user when Roster does, and their confirmations. Portable between H2 (MODE=PostgreSQL) and PostgreSQL.

-- A recipient is a receiver like a webhook subscription: it is a row of webhook_subscriptions of its own kind, so that
-- its deliveries live in webhook_deliveries and share the claims, retries, 410 rule and dispatcher (ADR 0020). The
-- webhook enqueuer and the webhook API read only rows of kind WEBHOOK; a recipient's event_types stay empty.
ALTER TABLE webhook_subscriptions ADD COLUMN kind VARCHAR(32) DEFAULT 'WEBHOOK' NOT NULL;
ALTER TABLE webhook_subscriptions ADD COLUMN name VARCHAR(200);
ALTER TABLE webhook_subscriptions ADD CONSTRAINT ck_webhook_subscriptions_kind CHECK (kind IN ('WEBHOOK', 'ERASURE_RECIPIENT'));

-- One request per erasure receipt and recipient, with the recipient's confirmation once it came (confirmed_at, and
-- erased_at and counts as the recipient said: counts is a JSON object of kind -> count). delivery_id names the
-- webhook_deliveries row that carries the request (gone with the recipient; the confirmed requests of a deleted
-- recipient are kept, with its name, as the record of who confirmed). No personal data: ids, times, counts.
CREATE TABLE erasure_requests (
    receipt_id     UUID                     NOT NULL,
    recipient_id   UUID                     NOT NULL,
    recipient_name VARCHAR(200)             NOT NULL,
    user_id        UUID                     NOT NULL,
    delivery_id    UUID                     NOT NULL,
    requested_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at   TIMESTAMP WITH TIME ZONE,
    erased_at      TIMESTAMP WITH TIME ZONE,
    counts         VARCHAR(4000),
    CONSTRAINT pk_erasure_requests PRIMARY KEY (receipt_id, recipient_id)
);
-- a recipient's confirmation finds its requests about the user; the metrics count the unconfirmed ones
CREATE INDEX ix_erasure_requests_recipient_user ON erasure_requests (recipient_id, user_id);
CREATE INDEX ix_erasure_requests_confirmed ON erasure_requests (confirmed_at, requested_at);
-- a backfill reads the receipts issued since an instant
CREATE INDEX ix_erasure_receipts_erased_at ON erasure_receipts (erased_at);

-- Change events through this position have been turned into erasure requests. Moved only by the event sequencer, in
-- the transaction that places the events, under its lock (ADR 0018), like webhook_enqueue_head.
CREATE TABLE erasure_request_head (
    id               INT    NOT NULL PRIMARY KEY,
    through_position BIGINT NOT NULL
);
INSERT INTO erasure_request_head (id, through_position) SELECT 1, last_position FROM change_feed_head WHERE id = 1;
