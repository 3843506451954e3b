package dev.roster.application.port.in.access;

import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.UserId;

import java.util.Objects;

/** An administrator sets a user's password. */
public record SetPasswordCommand(UserId userId, PlainPassword password) {
    public SetPasswordCommand {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(password, "password");
    }
}
