package dev.roster.domain.user;

import java.util.Objects;
import java.util.regex.Pattern;

/** A phone number in E.164 form: {@code +}, a non-zero digit, at most 15 digits in all. Never printed. */
public final class Phone {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private final String value;

    /** @throws InvalidUserDataException when {@code value} is not an E.164 number */
    public Phone(String value) {
        Objects.requireNonNull(value, "value");
        value = value.strip();
        if (!E164.matcher(value).matches()) {
            throw new InvalidUserDataException("phone", "must be in E.164 form: '+' followed by 2 to 15 digits");
        }
        this.value = value;
    }

    private Phone(String stored, boolean trusted) {
        this.value = stored;
    }

    /**
     * A value read back from Roster's own storage, where only validated values are written: it is not checked again
     * (the read path of every page and export would otherwise repeat the checks for each row). Not for input.
     */
    public static Phone fromStorage(String stored) {
        return new Phone(Objects.requireNonNull(stored, "stored"), true);
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Phone that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "Phone[***]";
    }
}
