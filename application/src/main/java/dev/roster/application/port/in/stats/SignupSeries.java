package dev.roster.application.port.in.stats;

import java.time.ZoneId;
import java.util.List;

/** Signups per period, zero-filled, oldest first. Periods: {@code 2026-01-31}, {@code 2026-W05}, {@code 2026-01}. */
public record SignupSeries(Granularity granularity, ZoneId zone, List<Period> series) {
    public SignupSeries {
        series = List.copyOf(series);
    }

    public record Period(String period, long count) {
    }
}
