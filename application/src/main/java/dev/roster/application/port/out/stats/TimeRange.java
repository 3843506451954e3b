package dev.roster.application.port.out.stats;

import java.time.Instant;
import java.util.Objects;

/** The half-open interval {@code [from, to)}. */
public record TimeRange(Instant from, Instant to) {
    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a time range must not end before it starts");
        }
    }
}
