package dev.roster.application.port.in.users;

import dev.roster.domain.user.ProfileChange;
import dev.roster.domain.user.UserId;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Apply a partial profile change. With {@code expectedVersion} the change is refused when the user is at another
 * version (HTTP {@code If-Match}); without it a concurrent change is retried against the newer version.
 */
public record UpdateUserCommand(UserId id, OptionalLong expectedVersion, ProfileChange change) {
    public UpdateUserCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(change, "change");
    }
}
