package dev.roster.application.port.in.stats;

import dev.roster.application.model.users.InvalidQueryException;

import java.util.Locale;

/** How a signup series is grouped. Weeks are ISO weeks (Monday first, week-based year). */
public enum Granularity {
    DAY, WEEK, MONTH;

    public static Granularity parse(String text) {
        if (text != null) {
            for (Granularity granularity : values()) {
                if (granularity.name().equals(text.strip().toUpperCase(Locale.ROOT)) && text.strip().chars().allMatch(c -> c < 128)) {
                    return granularity;
                }
            }
        }
        throw new InvalidQueryException("granularity", "must be one of day, week, month");
    }
}
