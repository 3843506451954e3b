package dev.roster.domain.user;

import java.util.Locale;

/** What a user may do. Every user has {@link #USER}. */
public enum Role {
    USER,
    AUDITOR,
    ADMIN;

    /** Parses a role name case-insensitively; unknown names are rejected with an {@link InvalidUserDataException}. */
    public static Role parse(String name) {
        // ASCII only: toUpperCase would map look-alikes such as the dotless ı onto a valid name.
        if (name != null && name.chars().allMatch(c -> c < 128)) {
            for (Role role : values()) {
                if (role.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                    return role;
                }
            }
        }
        throw new InvalidUserDataException("role", "must be one of USER, AUDITOR, ADMIN");
    }
}
