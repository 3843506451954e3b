package dev.roster.application.model.events;

import dev.roster.domain.user.UserId;

import java.util.List;
import java.util.Objects;

/**
 * The end of the change feed as a follower reads it (ADR 0025): positions, types and users only, read by whoever
 * drives the follower on a connection of its own, so that following never waits behind the requests for a pooled
 * connection.
 */
public interface ChangeFeedTail {

    /** Every position up to and including this one has been removed by retention (0 when nothing was). */
    long prunedThrough();

    /** The highest position given so far (0 when none). */
    long lastPosition();

    /** The events after {@code position}, in position order, at most {@code limit}. */
    List<Entry> after(long position, int limit);

    /** One placed event: where, what, whose. */
    record Entry(long position, ChangeType type, UserId userId) {
        public Entry {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(userId, "userId");
        }
    }
}
