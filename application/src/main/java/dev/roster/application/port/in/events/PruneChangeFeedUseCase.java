package dev.roster.application.port.in.events;

/** Removes change events older than the feed's retention (run by a scheduled job). */
public interface PruneChangeFeedUseCase {

    /** Removes one batch of expired events; returns how many were removed (0 when none are left). */
    int pruneExpiredBatch();
}
