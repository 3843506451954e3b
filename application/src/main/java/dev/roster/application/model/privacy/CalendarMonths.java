package dev.roster.application.model.privacy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The deadline rule of GDPR Art. 12(3): "within one month", extendable by two further months. A calendar month is
 * {@link java.time.ZonedDateTime#plusMonths} in the configured zone ({@code roster.privacy.zone}): the same day of the
 * month at the same local time, or the last day of the month when it has no such day (31 January → 28 or 29 February),
 * so the deadline of a request follows the calendar of the place where it is answered, not UTC's.
 */
public final class CalendarMonths {
    private CalendarMonths() {
    }

    /** {@code start} plus {@code months} calendar months in {@code zone}. */
    public static Instant after(Instant start, int months, ZoneId zone) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(zone, "zone");
        if (months < 0) {
            throw new IllegalArgumentException("months must not be negative");
        }
        return start.atZone(zone).plusMonths(months).toInstant();
    }
}
