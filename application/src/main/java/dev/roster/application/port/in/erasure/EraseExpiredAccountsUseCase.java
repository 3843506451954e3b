package dev.roster.application.port.in.erasure;

/**
 * Retention: anonymizes users soft-deleted longer than the retention period, one batch per call, each erasure with
 * its audit event and receipt. Users on legal hold are skipped. Safe to run on several instances at once.
 */
public interface EraseExpiredAccountsUseCase {
    /** @return how many users this batch erased (fewer than the batch size when none are left) */
    int eraseExpiredBatch();
}
