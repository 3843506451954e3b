package dev.roster.application.port.in.access;

import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserId;

import java.util.Objects;
import java.util.OptionalLong;

/** Grant or revoke one role of one user; with {@code expectedVersion} only if the user is still at that version. */
public record ChangeRoleCommand(UserId userId, Role role, OptionalLong expectedVersion) {
    public ChangeRoleCommand {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
    }

    public ChangeRoleCommand(UserId userId, Role role) {
        this(userId, role, OptionalLong.empty());
    }
}
