package dev.roster.domain.user;

import java.util.Objects;
import java.util.regex.Pattern;

/** A phone number in E.164 form: {@code +}, a non-zero digit, at most 15 digits in all. Never printed. */
public record Phone(String value) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    public Phone {
        Objects.requireNonNull(value, "value");
        value = value.strip();
        if (!E164.matcher(value).matches()) {
            throw new InvalidUserDataException("phone", "must be in E.164 form: '+' followed by 2 to 15 digits");
        }
    }

    @Override
    public String toString() {
        return "Phone[***]";
    }
}
