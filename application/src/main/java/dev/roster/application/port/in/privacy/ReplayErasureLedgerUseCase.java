package dev.roster.application.port.in.privacy;

/**
 * Re-applies the erasure ledger to the database (SPEC §8): every user the ledger lists whom the database shows
 * present but not erased (a restore of an older backup brought them back) is erased again, with a new receipt, and
 * audited as {@code user.erasure_replayed}. Users that are absent are counted, never created. Runs at start-up and on
 * request; idempotent (a second run finds everyone erased).
 */
public interface ReplayErasureLedgerUseCase {
    /** @throws dev.roster.application.port.out.privacy.ErasureLedgerUnavailableException when the ledger cannot be read */
    LedgerReplayReport replay();
}
