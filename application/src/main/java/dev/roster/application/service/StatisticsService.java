package dev.roster.application.service;

import dev.roster.application.port.in.CountUsersByStateUseCase;
import dev.roster.application.port.in.Granularity;
import dev.roster.application.port.in.InvalidQueryException;
import dev.roster.application.port.in.SignupSeries;
import dev.roster.application.port.in.SignupStatisticsUseCase;
import dev.roster.application.port.in.UserCounts;
import dev.roster.application.port.out.TransactionBoundary;
import dev.roster.application.port.out.UserStatistics;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Signup statistics and user counts. The store counts signups per quarter hour; this service regroups them into the
 * caller's periods in the caller's zone, so the database needs no time-zone logic and H2 and PostgreSQL agree.
 */
public final class StatisticsService implements SignupStatisticsUseCase, CountUsersByStateUseCase {
    /** Ten years of days is the longest series served. */
    static final long MAX_DAYS = 3660;
    private static final long QUARTER_HOUR_SECONDS = 900;

    private final UserStatistics statistics;
    private final TransactionBoundary transactions;

    public StatisticsService(UserStatistics statistics, TransactionBoundary transactions) {
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public SortedMap<Integer, Long> signupsByMonth(int year) {
        if (year < 1970 || year > 9999) {
            throw new InvalidQueryException("year", "must be between 1970 and 9999");
        }
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        SortedMap<Integer, Long> months = new TreeMap<>();
        for (int month = 1; month <= 12; month++) {
            months.put(month, 0L);
        }
        quarterHours(from, to).forEach((bucket, count) ->
                months.merge(start(bucket).atZone(ZoneOffset.UTC).getMonthValue(), count, Long::sum));
        return months;
    }

    @Override
    public SignupSeries signups(LocalDate from, LocalDate to, Granularity granularity, ZoneId zone) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new InvalidQueryException("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new InvalidQueryException("to", "the range may span at most " + MAX_DAYS + " days");
        }
        Map<String, Long> periods = new LinkedHashMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            periods.putIfAbsent(period(day, granularity), 0L);
        }
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        quarterHours(start, end).forEach((bucket, count) -> {
            ZonedDateTime local = start(bucket).atZone(zone);
            periods.computeIfPresent(period(local.toLocalDate(), granularity), (key, total) -> total + count);
        });
        List<SignupSeries.Period> series = new ArrayList<>();
        periods.forEach((period, count) -> series.add(new SignupSeries.Period(period, count)));
        return new SignupSeries(granularity, zone, series);
    }

    @Override
    public UserCounts countByState() {
        return transactions.readOnly(() -> {
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
        });
    }

    private Map<Long, Long> quarterHours(Instant from, Instant to) {
        return transactions.readOnly(() -> statistics.signupsPerQuarterHour(from, to));
    }

    private static Instant start(long bucket) {
        return Instant.ofEpochSecond(bucket * QUARTER_HOUR_SECONDS);
    }

    private static String period(LocalDate day, Granularity granularity) {
        return switch (granularity) {
            case DAY -> day.toString();
            case WEEK -> String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> YearMonth.from(day).toString();
        };
    }
}
