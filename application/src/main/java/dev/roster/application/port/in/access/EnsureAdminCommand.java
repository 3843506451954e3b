package dev.roster.application.port.in.access;

import dev.roster.domain.user.Email;
import dev.roster.domain.user.PlainPassword;

import java.util.Objects;

/** The administrator configured for start-up (ROSTER_ADMIN_EMAIL / ROSTER_ADMIN_PASSWORD). */
public record EnsureAdminCommand(Email email, PlainPassword password) {
    public EnsureAdminCommand {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
    }
}
