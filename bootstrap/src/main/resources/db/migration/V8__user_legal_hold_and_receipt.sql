-- The user resource shows whether a legal hold stands and which receipt proves its erasure (issue 11 point 10):
-- both are kept on the user row, written in the same transaction as legal_holds and erasure_receipts.
ALTER TABLE users ADD COLUMN legal_hold BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN erasure_receipt_id UUID;
UPDATE users SET legal_hold = TRUE WHERE id IN (SELECT user_id FROM legal_holds);
UPDATE users SET erasure_receipt_id = (SELECT r.id FROM erasure_receipts r WHERE r.user_id = users.id)
    WHERE anonymized_at IS NOT NULL;
