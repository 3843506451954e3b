package dev.roster.application.port.in.access;

import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.UserId;

import java.util.Objects;
import java.util.OptionalLong;

/** An administrator sets a user's password; with {@code expectedVersion} only if the user is still at that version. */
public record SetPasswordCommand(UserId userId, PlainPassword password, OptionalLong expectedVersion) {
    public SetPasswordCommand {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
    }

    public SetPasswordCommand(UserId userId, PlainPassword password) {
        this(userId, password, OptionalLong.empty());
    }
}
