package dev.roster.application.port.out.stats;

import java.time.Instant;

/**
 * Tells cached statistics that stored signups changed in a way a cache of closed periods cannot see (a purge
 * removes old users; an import adds users with past creation times). Call it after the change committed.
 */
public interface StatisticsInvalidation {
    void signupsChanged();

    /**
     * A signup dated {@code at} was added through another instance (an import can date it in the past). By default
     * the same as {@link #signupsChanged}; a cache that holds only periods closed before today may ignore a signup of
     * today.
     */
    default void signupsChangedAt(Instant at) {
        signupsChanged();
    }
}
