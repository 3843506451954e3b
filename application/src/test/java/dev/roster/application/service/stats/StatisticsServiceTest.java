package dev.roster.application.service.stats;

import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.port.in.stats.Granularity;
import dev.roster.application.port.in.stats.SignupSeries;
import dev.roster.application.port.out.stats.TimeRange;
import dev.roster.application.port.out.stats.UserStatistics;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatisticsServiceTest {
    private final List<Instant> signups = new ArrayList<>();
    private final UserStatistics statistics = new UserStatistics() {
        @Override
        public long[] signups(List<TimeRange> ranges) {
            return ranges.stream().mapToLong(range -> signups.stream()
                    .filter(at -> !at.isBefore(range.from()) && at.isBefore(range.to())).count()).toArray();
        }

        @Override
        public Map<UserStatus, Long> countByStatus() {
            return Map.of(UserStatus.ACTIVE, 3L, UserStatus.DELETED, 1L);
        }

        @Override
        public Map<Role, Long> countByRole() {
            return Map.of(Role.USER, 4L, Role.ADMIN, 1L);
        }
    };
    private final StatisticsService service = new StatisticsService(statistics);

    private void signupAt(String instant) {
        signups.add(Instant.parse(instant));
    }

    @Nested
    class ByMonthOfAYear {
        @Test
        void countsPerUtcMonthZeroFilled() {
            signupAt("2026-01-31T23:59:59Z");
            signupAt("2026-02-01T00:00:00Z");
            signupAt("2026-02-15T12:00:00Z");
            signupAt("2025-12-31T23:59:59Z"); // another year
            signupAt("2027-01-01T00:00:00Z");

            Map<Integer, Long> months = service.signupsByMonth(2026);

            assertThat(months).hasSize(12).containsEntry(1, 1L).containsEntry(2, 2L).containsEntry(3, 0L).containsEntry(12, 0L);
        }

        @Test
        void refusesAbsurdYears() {
            assertThatThrownBy(() -> service.signupsByMonth(1969)).isInstanceOf(InvalidQueryException.class);
            assertThatThrownBy(() -> service.signupsByMonth(10000)).isInstanceOf(InvalidQueryException.class);
        }
    }

    @Nested
    class SeriesInAZone {
        @Test
        void daysFollowTheZonesMidnightIncludingHalfHourOffsets() {
            signupAt("2026-03-01T18:29:00Z"); // 23:59 in Kolkata (+05:30), still 1 March
            signupAt("2026-03-01T18:30:00Z"); // 00:00 on 2 March in Kolkata

            SignupSeries series = service.signups(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 3), Granularity.DAY,
                    ZoneId.of("Asia/Kolkata"));

            assertThat(series.series()).containsExactly(new SignupSeries.Period("2026-03-01", 1),
                    new SignupSeries.Period("2026-03-02", 1), new SignupSeries.Period("2026-03-03", 0));
        }

        @Test
        void weeksAreIsoWeeksOfTheWeekBasedYear() {
            signupAt("2026-12-31T12:00:00Z"); // Thursday of 2026-W53
            signupAt("2027-01-04T12:00:00Z"); // Monday of 2027-W01

            SignupSeries series = service.signups(LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 10), Granularity.WEEK,
                    ZoneId.of("UTC"));

            assertThat(series.series()).containsExactly(new SignupSeries.Period("2026-W53", 1), new SignupSeries.Period("2027-W01", 1));
        }

        @Test
        void monthsAreZeroFilledAcrossTheWholeRange() {
            signupAt("2026-02-10T00:00:00Z");

            SignupSeries series = service.signups(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 4, 2), Granularity.MONTH,
                    ZoneId.of("Europe/Berlin"));

            assertThat(series.series()).extracting(SignupSeries.Period::period).containsExactly("2026-01", "2026-02", "2026-03", "2026-04");
            assertThat(series.series()).extracting(SignupSeries.Period::count).containsExactly(0L, 1L, 0L, 0L);
        }

        @Test
        void theDayWhenClocksChangeHasItsRealLength() {
            signupAt("2026-03-29T00:30:00Z"); // 01:30 CET, before the switch
            signupAt("2026-03-29T22:30:00Z"); // 00:30 CEST on 30 March

            SignupSeries series = service.signups(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 30), Granularity.DAY,
                    ZoneId.of("Europe/Berlin"));

            assertThat(series.series()).extracting(SignupSeries.Period::count).containsExactly(1L, 1L);
        }

        @Test
        void refusesReversedAndOverlongRanges() {
            assertThatThrownBy(() -> service.signups(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1), Granularity.DAY, ZoneId.of("UTC")))
                    .isInstanceOf(InvalidQueryException.class);
            assertThatThrownBy(() -> service.signups(LocalDate.of(2000, 1, 1), LocalDate.of(2026, 1, 1), Granularity.MONTH, ZoneId.of("UTC")))
                    .isInstanceOf(InvalidQueryException.class);
        }
    }

    @Test
    void userCountsListEveryStatusAndRole() {
        var counts = service.countByState();

        assertThat(counts.total()).isEqualTo(4);
        assertThat(counts.byStatus()).containsEntry(UserStatus.DEACTIVATED, 0L).containsEntry(UserStatus.ACTIVE, 3L).hasSize(4);
        assertThat(counts.byRole()).containsEntry(Role.AUDITOR, 0L).containsEntry(Role.ADMIN, 1L).hasSize(3);
    }
}
