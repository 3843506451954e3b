package dev.roster.application.service.audit;

import dev.roster.application.port.in.audit.ClearExpiredClientAddressesUseCase;
import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.application.port.out.common.TransactionBoundary;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The retention of client addresses in the audit trail (SPEC §8, ADR 0022): an event's address is kept for security
 * review for {@code retention} after the event, then cleared, one batch per transaction.
 */
public final class ClientAddressRetentionService implements ClearExpiredClientAddressesUseCase {
    private final AuditLog log;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Duration retention;
    private final int batchSize;

    public ClientAddressRetentionService(AuditLog log, TransactionBoundary transactions, Clock clock, Duration retention,
                                         int batchSize) {
        this.log = Objects.requireNonNull(log, "log");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || batchSize < 1) {
            throw new IllegalArgumentException("the address retention must not be negative and the batch size must be positive");
        }
        this.batchSize = batchSize;
    }

    @Override
    public int clearExpiredBatch() {
        return transactions.inTransaction(() -> log.clearClientAddressesBefore(clock.instant().minus(retention), batchSize));
    }

    @Override
    public int batchSize() {
        return batchSize;
    }
}
