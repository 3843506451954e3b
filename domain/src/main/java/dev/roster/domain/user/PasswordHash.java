package dev.roster.domain.user;

import java.util.Objects;

/** An opaque password hash (a PHC string); the domain stores it and never shows it. */
public record PasswordHash(String value) {
    public PasswordHash {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a password hash must not be blank");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[***]";
    }
}
