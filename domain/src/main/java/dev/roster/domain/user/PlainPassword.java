package dev.roster.domain.user;

import java.util.Objects;

/** A password as typed by a person, on its way to being checked or hashed. Never printed, never stored. */
public record PlainPassword(String value) {
    public PlainPassword {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "PlainPassword[***]";
    }
}
