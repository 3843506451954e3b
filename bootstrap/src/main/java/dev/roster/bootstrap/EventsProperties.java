package dev.roster.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code roster.events} (values in application.yml; the pruning schedule, {@code prune-interval}, is read by
 * {@link ChangeFeedPruningJob}'s annotation).
 *
 * @param retentionDays how long change events stay in the feed
 */
@ConfigurationProperties("roster.events")
record EventsProperties(int retentionDays) {
    EventsProperties {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("roster.events.retention-days must be at least 1");
        }
    }
}
