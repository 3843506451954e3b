package dev.roster.adapters.out.persistence.jdbc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants as both drivers bind {@code TIMESTAMP WITH TIME ZONE} parameters: an offset date-time in UTC. */
public final class SqlTimestamps {
    private SqlTimestamps() {
    }

    /** The parameter value for {@code instant}; null stays null. */
    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
