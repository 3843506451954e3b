package dev.roster.application.port.out.access;

import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.model.audit.Actor;
import dev.roster.domain.user.UserId;

/**
 * Limits how often a caller may perform an action. Limits are per (action, caller key); the caller key is whatever
 * identifies the caller for that action (a user id, a client IP, a digest of an email) and is never logged.
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
}
