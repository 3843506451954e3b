package dev.roster.adapters.out.ratelimit;

import dev.roster.application.port.out.access.RateLimiter;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * Removes the rows of ended windows from the shared rate-limit store every {@code roster.rate-limits.cleanup-interval}
 * (1 minute), so a row outlives its window by at most that. Safe on every instance at once: a row that a caller renews
 * meanwhile no longer matches (PostgreSQL re-checks the condition after the row lock). Does nothing with the
 * {@code memory} store.
 */
@Singleton
final class RateLimitWindowCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitWindowCleanup.class);
    private static final int BATCH = 10_000;

    private final RateLimiter limiter;

    RateLimitWindowCleanup(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Scheduled(fixedDelay = "${roster.rate-limits.cleanup-interval:1m}",
            initialDelay = "${roster.rate-limits.cleanup-initial-delay:1m}")
    void removeEndedWindows() {
        if (!(limiter instanceof SharedRateLimiter shared)) {
            return;
        }
        try {
            long removed = shared.deleteEndedWindows(BATCH);
            LOG.debug("Removed {} ended rate-limit windows", removed);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not remove ended rate-limit windows ({}); the next run tries again", e.getClass().getSimpleName());
        }
    }
}
