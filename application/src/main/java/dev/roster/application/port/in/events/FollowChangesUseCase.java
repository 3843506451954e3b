package dev.roster.application.port.in.events;

import dev.roster.application.model.events.ChangeFeedTail;

/**
 * Keeps this instance's read cache, token checks and statistics cache coherent with changes committed through any
 * instance on the same database (SPEC §7, ADR 0025), by following the change feed. Driven by whatever tells the
 * instance that the feed moved (PostgreSQL notifications) and by a timer, which passes the feed's tail as it reads it;
 * called from one thread.
 */
public interface FollowChangesUseCase {

    /**
     * From now on changes may go unnoticed (the notification connection is lost, or not open yet): the caches are
     * emptied and bypassed until {@link #regainedTouch}. Calling it again changes nothing.
     */
    void lostTouch();

    /**
     * Notifications arrive again: evicts for every change placed since touch was lost (or, the first time, starts
     * from the feed's end: nothing was cached before), then lets the caches cache again.
     */
    void regainedTouch(ChangeFeedTail tail);

    /** Evicts for every change placed since the last call; does nothing while touch is lost. */
    void catchUp(ChangeFeedTail tail);
}
