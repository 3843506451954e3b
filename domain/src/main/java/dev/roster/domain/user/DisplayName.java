package dev.roster.domain.user;

import java.util.Objects;

/**
 * The name shown for a user: trimmed, 1..200 characters (code points), no control characters or unpaired surrogates
 * ({@link StoredText#isSingleLine}). Never printed.
 */
public final class DisplayName {
    public static final int MAX_LENGTH = 200;

    private final String value;

    /** @throws InvalidUserDataException when {@code value} is not a display name Roster accepts */
    public DisplayName(String value) {
        Objects.requireNonNull(value, "value");
        value = value.strip();
        if (value.isEmpty()) {
            throw new InvalidUserDataException("displayName", "must not be blank");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new InvalidUserDataException("displayName", "must be at most " + MAX_LENGTH + " characters");
        }
        if (!StoredText.isSingleLine(value)) {
            throw new InvalidUserDataException("displayName", StoredText.SINGLE_LINE_RULE);
        }
        this.value = value;
    }

    private DisplayName(String stored, boolean trusted) {
        this.value = stored;
    }

    /**
     * A value read back from Roster's own storage, where only validated values are written: it is not checked again
     * (the read path of every page and export would otherwise repeat the checks for each row). Not for input.
     */
    public static DisplayName fromStorage(String stored) {
        return new DisplayName(Objects.requireNonNull(stored, "stored"), true);
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DisplayName that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "DisplayName[***]";
    }
}
