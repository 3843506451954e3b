package dev.roster.application.port.out.stats;

/**
 * Tells cached statistics that stored signups changed in a way a cache of closed periods cannot see (a purge
 * removes old users; an import adds users with past creation times). Call it after the change committed.
 */
public interface StatisticsInvalidation {
    void signupsChanged();
}
