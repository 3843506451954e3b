package dev.roster.application.port.in.access;

import dev.roster.domain.user.UserId;

import java.util.OptionalLong;

/**
 * "Sign out everywhere": every token issued to the user so far stops working for good; logging in again gives a
 * token that works. Allowed for a user in any status.
 */
public interface RevokeSessionsUseCase {
    /** @throws dev.roster.domain.user.UserNotFoundException when there is no such user */
    void revokeSessions(UserId id, OptionalLong expectedVersion);

    default void revokeSessions(UserId id) {
        revokeSessions(id, OptionalLong.empty());
    }
}
