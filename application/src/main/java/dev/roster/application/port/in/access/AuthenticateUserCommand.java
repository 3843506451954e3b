package dev.roster.application.port.in.access;

import dev.roster.domain.user.PlainPassword;

import java.util.Objects;

/**
 * A login attempt: the email as typed (unvalidated: a bad one simply fails), the password, and the client as login
 * limits count it (its address; for IPv6 its /64 network).
 */
public record AuthenticateUserCommand(String email, PlainPassword password, String clientAddress) {
    public AuthenticateUserCommand {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(clientAddress, "clientAddress");
    }

    @Override
    public String toString() {
        return "AuthenticateUserCommand[***]";
    }
}
