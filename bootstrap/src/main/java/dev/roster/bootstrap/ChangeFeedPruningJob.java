package dev.roster.bootstrap;

import dev.roster.application.port.in.events.PruneChangeFeedUseCase;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes change events past {@code roster.events.retention-days} on a schedule ({@code roster.events.prune-interval},
 * default hourly), batch after batch. Several instances may run it at once: each removes a prefix of the feed.
 */
@Singleton
final class ChangeFeedPruningJob {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeedPruningJob.class);

    private final PruneChangeFeedUseCase pruning;

    ChangeFeedPruningJob(PruneChangeFeedUseCase pruning) {
        this.pruning = pruning;
    }

    @Scheduled(fixedDelay = "${roster.events.prune-interval:1h}", initialDelay = "${roster.events.prune-initial-delay:5m}")
    void pruneExpiredEvents() {
        long total = 0;
        int removed;
        do {
            removed = pruning.pruneExpiredBatch();
            total += removed;
        } while (removed > 0);
        if (total > 0) {
            LOG.info("Change feed retention: removed {} event(s)", total);
        }
    }
}
