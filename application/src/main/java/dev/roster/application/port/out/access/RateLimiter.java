package dev.roster.application.port.out.access;

import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.model.audit.Actor;
import dev.roster.domain.user.UserId;

/**
 * Limits how often a caller may perform an action. Limits are per (action, caller key); the caller key is whatever
 * identifies the caller for that action (a user id, a client IP, a digest of an email) and is never logged. A limit
 * has a number of permits per period; a caller that has used them up is refused until its period ends.
 * <p>
 * Most actions take a permit per attempt ({@link #acquire}). A limit that counts only some outcomes (failed logins)
 * is consulted before the attempt with {@link #check} and charged afterwards with {@link #record} or {@link #drain};
 * concurrent attempts of one caller can then pass the check together, so such a limit can be exceeded by the number
 * of attempts a caller has in flight at once.
 * <p>
 * An implementation that cannot count an attempt (its store does not answer) refuses actions that
 * {@linkplain RateLimitedAction#guardsPasswordChecks() guard a password check} with
 * {@link dev.roster.application.model.access.RateLimitUnavailableException}, from any of these methods, and never
 * lets them through uncounted; for other actions it may count with less (ADR 0023).
 */
public interface RateLimiter {

    /**
     * Takes one permit, or refuses.
     *
     * @throws RateLimitExceededException with the time after which a permit will be free
     */
    void acquire(RateLimitedAction action, String callerKey);

    /** Takes one permit for the acting user; actions of the system itself count as one caller. */
    default void acquire(RateLimitedAction action, Actor actor) {
        acquire(action, actor.userId().map(UserId::toString).orElse("system"));
    }

    /**
     * Refuses, as {@link #acquire} does, a caller that has no permit left, but takes none.
     *
     * @throws RateLimitExceededException with the time after which a permit will be free
     */
    void check(RateLimitedAction action, String callerKey);

    /**
     * Takes one permit if one is left, and never refuses: the outcome it counts has happened already.
     *
     * @return false when the caller had no permit left (the limit is used up for this period)
     */
    boolean record(RateLimitedAction action, String callerKey);

    /** Takes every permit the caller has left, so that it is refused until its period ends. */
    void drain(RateLimitedAction action, String callerKey);
}
