package dev.roster.domain.user;

import java.util.Objects;

/** The name shown for a user: trimmed, 1..200 characters (code points), no control characters. Never printed. */
public record DisplayName(String value) {
    public static final int MAX_LENGTH = 200;

    public DisplayName {
        Objects.requireNonNull(value, "value");
        value = value.strip();
        if (value.isEmpty()) {
            throw new InvalidUserDataException("displayName", "must not be blank");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new InvalidUserDataException("displayName", "must be at most " + MAX_LENGTH + " characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidUserDataException("displayName", "must not contain control characters");
        }
    }

    @Override
    public String toString() {
        return "DisplayName[***]";
    }
}
