package dev.roster.application.port.in.stats;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SortedMap;

/** Signup statistics: per month of a year (UTC), or per day/week/month of a date range in a time zone. */
public interface SignupStatisticsUseCase {

    /** Months 1..12 of the year in UTC, each present (zero when nobody signed up). */
    SortedMap<Integer, Long> signupsByMonth(int year);

    /** {@code from} and {@code to} are inclusive dates in {@code zone}. */
    SignupSeries signups(LocalDate from, LocalDate to, Granularity granularity, ZoneId zone);
}
