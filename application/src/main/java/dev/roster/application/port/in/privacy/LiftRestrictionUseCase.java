package dev.roster.application.port.in.privacy;

import dev.roster.domain.user.UserId;

/**
 * Lifts the restriction of processing of a user (GDPR Art. 18(3)): the user is included in bulk exports again.
 * Idempotent; audited and emits {@code user.restriction_lifted} only when the user was restricted.
 */
public interface LiftRestrictionUseCase {
    /** @throws dev.roster.domain.user.UserNotFoundException when there is no such user */
    void liftRestriction(UserId id);
}
