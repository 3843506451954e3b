package dev.roster.application.port.in.access;

import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.UserId;

import java.util.Objects;

/** A user changes its own password, proving it knows the current one. */
public record ChangeOwnPasswordCommand(UserId userId, PlainPassword currentPassword, PlainPassword newPassword) {
    public ChangeOwnPasswordCommand {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(currentPassword, "currentPassword");
        Objects.requireNonNull(newPassword, "newPassword");
    }
}
