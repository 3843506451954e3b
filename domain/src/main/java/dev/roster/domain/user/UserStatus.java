package dev.roster.domain.user;

import java.util.Locale;

/** The status derived from a user's lifecycle fields. */
public enum UserStatus {
    ACTIVE,
    DEACTIVATED,
    DELETED,
    ANONYMIZED;

    public static UserStatus parse(String name) {
        // ASCII only: toUpperCase would map look-alikes such as the dotless ı onto a valid name.
        if (name != null && name.chars().allMatch(c -> c < 128)) {
            for (UserStatus status : values()) {
                if (status.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                    return status;
                }
            }
        }
        throw new InvalidUserDataException("status", "must be one of ACTIVE, DEACTIVATED, DELETED, ANONYMIZED");
    }
}
