package dev.roster.bootstrap;

import dev.roster.application.port.in.erasure.EraseExpiredAccountsUseCase;
import dev.roster.application.service.erasure.RetentionService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the retention rule on a schedule ({@code roster.retention.interval}, default hourly): batch after batch until
 * no expired soft-deleted user is left. Several instances may run it at once; each user is erased once.
 */
@Singleton
@Requires(property = "roster.retention.enabled", notEquals = "false")
final class RetentionJob {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final EraseExpiredAccountsUseCase retention;
    private final int batchSize;

    RetentionJob(EraseExpiredAccountsUseCase retention, RetentionService service) {
        this.retention = retention;
        this.batchSize = service.batchSize();
    }

    @Scheduled(fixedDelay = "${roster.retention.interval:1h}", initialDelay = "${roster.retention.initial-delay:1m}")
    void eraseExpiredAccounts() {
        int total = 0;
        int erased;
        do {
            erased = retention.eraseExpiredBatch();
            total += erased;
        } while (erased == batchSize);
        if (total > 0) {
            LOG.info("Retention: erased {} soft-deleted account(s) past the retention period", total);
        }
    }
}
