package dev.roster.application.service.common;

import dev.roster.domain.user.User;
import dev.roster.domain.user.UserVersionConflictException;

import java.util.OptionalLong;

/**
 * The optimistic-locking precondition of every write to a user (HTTP {@code If-Match}, SPEC §2): when the caller
 * names the version its change is based on, the change is refused unless the user is still at that version.
 */
public final class VersionPrecondition {
    private VersionPrecondition() {
    }

    /** @throws UserVersionConflictException when {@code expected} is present and {@code user} is at another version */
    public static void require(User user, OptionalLong expected) {
        if (expected.isPresent() && expected.getAsLong() != user.version()) {
            throw new UserVersionConflictException(user.id());
        }
    }
}
