package dev.roster.application.port.in.events;

import dev.roster.application.model.events.EventFilter;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A read of the feed: events after {@code after} (absent: from the oldest kept), at most {@code limit} (1..1000),
 * matching {@code filter}; when none is there yet, wait up to {@code waitAtMost} (0..30 s) for one.
 */
public record ChangeFeedQuery(OptionalLong after, int limit, EventFilter filter, Duration waitAtMost) {
    public static final int MAX_LIMIT = 1000;
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);

    public ChangeFeedQuery {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(waitAtMost, "waitAtMost");
        if (after.isPresent() && after.getAsLong() < 0) {
            throw new IllegalArgumentException("after must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        if (waitAtMost.isNegative() || waitAtMost.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("wait must be 0.." + MAX_WAIT.toSeconds() + " seconds");
        }
    }
}
