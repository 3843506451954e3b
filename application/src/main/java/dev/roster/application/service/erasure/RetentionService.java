package dev.roster.application.service.erasure;

import dev.roster.application.port.in.erasure.EraseExpiredAccountsUseCase;

import java.time.Duration;
import java.util.Objects;

/** The retention rule as a use case: soft-deleted users older than the configured period are erased, a batch at a time. */
public final class RetentionService implements EraseExpiredAccountsUseCase {
    private final ErasureService erasure;
    private final Duration retention;
    private final int batchSize;

    public RetentionService(ErasureService erasure, Duration retention, int batchSize) {
        this.erasure = Objects.requireNonNull(erasure, "erasure");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || batchSize < 1) {
            throw new IllegalArgumentException("retention must not be negative and the batch size must be positive");
        }
        this.batchSize = batchSize;
    }

    @Override
    public int eraseExpiredBatch() {
        return erasure.eraseExpiredBatch(retention, batchSize);
    }

    public int batchSize() {
        return batchSize;
    }
}
