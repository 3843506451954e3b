package dev.roster.application.service.stats;

import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.port.in.stats.CountUsersByStateUseCase;
import dev.roster.application.port.in.stats.Granularity;
import dev.roster.application.port.in.stats.SignupSeries;
import dev.roster.application.port.in.stats.SignupStatisticsUseCase;
import dev.roster.application.port.in.stats.UserCounts;
import dev.roster.application.port.out.stats.TimeRange;
import dev.roster.application.port.out.stats.UserStatistics;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserStatus;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Signup statistics and user counts. This service turns the caller's periods (days, ISO weeks, months of its zone,
 * clipped to the asked dates) into instant ranges, and the store counts signups per range, so the database needs no
 * time-zone logic and H2 and PostgreSQL agree. Everything is read without a transaction of ours: the store reads in its
 * own, possibly on a read replica (ADR 0024), and a cached answer needs no connection at all.
 */
public final class StatisticsService implements SignupStatisticsUseCase, CountUsersByStateUseCase {
    /** Ten years of days is the longest series served. */
    static final long MAX_DAYS = 3660;

    private final UserStatistics statistics;

    public StatisticsService(UserStatistics statistics) {
        this.statistics = Objects.requireNonNull(statistics, "statistics");
    }

    @Override
    public SortedMap<Integer, Long> signupsByMonth(int year) {
        if (year < 1970 || year > 9999) {
            throw new InvalidQueryException("year", "must be between 1970 and 9999");
        }
        List<TimeRange> ranges = new ArrayList<>(12);
        for (int month = 1; month <= 12; month++) {
            ranges.add(new TimeRange(LocalDate.of(year, month, 1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    YearMonth.of(year, month).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        long[] counts = statistics.signups(ranges);
        SortedMap<Integer, Long> months = new TreeMap<>();
        for (int month = 1; month <= 12; month++) {
            months.put(month, counts[month - 1]);
        }
        return months;
    }

    @Override
    public SignupSeries signups(LocalDate from, LocalDate to, Granularity granularity, ZoneId zone) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.getYear() < 1970 || from.getYear() > 9999) {
            throw new InvalidQueryException("from", "must be a date between the years 1970 and 9999");
        }
        if (to.getYear() < 1970 || to.getYear() > 9999) {
            throw new InvalidQueryException("to", "must be a date between the years 1970 and 9999");
        }
        if (to.isBefore(from)) {
            throw new InvalidQueryException("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new InvalidQueryException("to", "the range may span at most " + MAX_DAYS + " days");
        }
        // consecutive days with the same period name form one range: [its first day's start, the next day's start)
        List<String> names = new ArrayList<>();
        List<TimeRange> ranges = new ArrayList<>();
        LocalDate first = from;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            LocalDate next = day.plusDays(1);
            String name = period(day, granularity);
            if (next.isAfter(to) || !period(next, granularity).equals(name)) {
                names.add(name);
                ranges.add(new TimeRange(first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant()));
                first = next;
            }
        }
        long[] counts = statistics.signups(ranges);
        List<SignupSeries.Period> series = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            series.add(new SignupSeries.Period(names.get(i), counts[i]));
        }
        return new SignupSeries(granularity, zone, series);
    }

    /**
     * Two reads, each on its own (so that the store may answer from a read replica, ADR 0024); under PostgreSQL's
     * READ COMMITTED one transaction would not make them one snapshot either.
     */
    @Override
    public UserCounts countByState() {
        Map<UserStatus, Long> byStatus = new EnumMap<>(UserStatus.class);
        for (UserStatus status : UserStatus.values()) {
            byStatus.put(status, 0L);
        }
        byStatus.putAll(statistics.countByStatus());
        Map<Role, Long> byRole = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            byRole.put(role, 0L);
        }
        byRole.putAll(statistics.countByRole());
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new UserCounts(total, byStatus, byRole);
    }

    private static String period(LocalDate day, Granularity granularity) {
        return switch (granularity) {
            case DAY -> day.toString();
            case WEEK -> String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> YearMonth.from(day).toString();
        };
    }
}
