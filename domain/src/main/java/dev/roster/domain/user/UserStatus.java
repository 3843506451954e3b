package dev.roster.domain.user;

import java.time.Instant;
import java.util.Locale;

/** The status derived from a user's lifecycle fields. */
public enum UserStatus {
    ACTIVE,
    DEACTIVATED,
    DELETED,
    ANONYMIZED;

    /** The status that a user's lifecycle fields mean: erasure wins over deletion, deletion over the active flag. */
    public static UserStatus derive(boolean active, Instant deletedAt, Instant anonymizedAt) {
        if (anonymizedAt != null) {
            return ANONYMIZED;
        }
        if (deletedAt != null) {
            return DELETED;
        }
        return active ? ACTIVE : DEACTIVATED;
    }

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
