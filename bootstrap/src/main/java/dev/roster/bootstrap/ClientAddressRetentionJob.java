package dev.roster.bootstrap;

import dev.roster.application.port.in.audit.ClearExpiredClientAddressesUseCase;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears client addresses in the audit trail past {@code roster.audit.client-address-retention} on a schedule
 * ({@code roster.audit.client-address-clearing-interval}, default hourly), batch after batch (ADR 0022). Several
 * instances may run it at once: they take turns on one mark of how far the trail is cleared.
 */
@Singleton
final class ClientAddressRetentionJob {
    private static final Logger LOG = LoggerFactory.getLogger(ClientAddressRetentionJob.class);

    private final ClearExpiredClientAddressesUseCase retention;

    ClientAddressRetentionJob(ClearExpiredClientAddressesUseCase retention) {
        this.retention = retention;
    }

    @Scheduled(fixedDelay = "${roster.audit.client-address-clearing-interval:1h}",
            initialDelay = "${roster.audit.client-address-clearing-initial-delay:3m}")
    void clearExpiredClientAddresses() {
        long total = 0;
        int passed;
        do {
            passed = retention.clearExpiredBatch();
            total += passed;
        } while (passed == retention.batchSize());
        if (total > 0) {
            LOG.info("Client address retention: {} audit event(s) past the retention period, their addresses cleared", total);
        }
    }
}
