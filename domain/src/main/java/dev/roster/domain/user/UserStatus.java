package dev.roster.domain.user;

import java.util.Locale;

/** The status derived from a user's lifecycle fields. */
public enum UserStatus {
    ACTIVE,
    DEACTIVATED,
    DELETED,
    ANONYMIZED;

    public static UserStatus parse(String name) {
        if (name != null) {
            for (UserStatus status : values()) {
                if (status.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                    return status;
                }
            }
        }
        throw new InvalidUserDataException("status", "must be one of ACTIVE, DEACTIVATED, DELETED, ANONYMIZED, ALL");
    }
}
