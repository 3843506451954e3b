package dev.roster.application.port.in.access;

import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserId;

import java.util.Objects;

/** Grant or revoke one role of one user. */
public record ChangeRoleCommand(UserId userId, Role role) {
    public ChangeRoleCommand {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }
}
