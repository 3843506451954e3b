package dev.roster.application.port.in.erasure;

import dev.roster.domain.user.UserId;

import java.util.UUID;

/**
 * Erases again a user whose erasure the erasure ledger records but the database no longer shows (a restored backup
 * brought the person back): the same erasure as an anonymization, in one transaction, with a new receipt, audited as
 * {@code user.erasure_replayed} and published as {@code user.anonymized}. The erasure happened once and stands: a
 * legal hold is lifted and the last-administrator rule does not apply (ADR 0021). Not rate-limited.
 */
public interface ReapplyErasureUseCase {
    /** @param ledgerReceipt the receipt the ledger names for the erasure being re-applied (kept in the audit details) */
    ReapplyOutcome reapply(UserId id, UUID ledgerReceipt);
}
