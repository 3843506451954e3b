package dev.roster.adapters.out.cache;

import dev.roster.application.port.out.stats.TimeRange;
import dev.roster.application.port.out.stats.UserStatistics;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CaffeineUserStatisticsTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final TimeRange CLOSED = new TimeRange(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z"));
    private static final TimeRange OPEN = new TimeRange(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));

    /** Answers {@code count} for every range and counts the reads; may run something in the middle of a read. */
    private static final class Storage implements UserStatistics {
        final AtomicInteger reads = new AtomicInteger();
        long count = 5;
        Runnable duringRead = () -> { };

        @Override
        public long[] signups(List<TimeRange> ranges) {
            reads.incrementAndGet();
            long answer = count;
            duringRead.run();
            return ranges.stream().mapToLong(range -> answer).toArray();
        }

        @Override
        public Map<UserStatus, Long> countByStatus() {
            return Map.of();
        }

        @Override
        public Map<Role, Long> countByRole() {
            return Map.of();
        }
    }

    private final Storage storage = new Storage();
    private final CaffeineUserStatistics statistics = new CaffeineUserStatistics(storage, NOW);

    @Test
    void aClosedRangeIsReadOnceAndAnOpenOneEveryTime() {
        statistics.signups(List.of(CLOSED, OPEN));
        statistics.signups(List.of(CLOSED, OPEN));

        assertThat(statistics.signups(List.of(CLOSED))).containsExactly(5);
        assertThat(storage.reads).hasValue(2); // the second call read only the open range; the third nothing
    }

    @Test
    void aChangeOfSignupsDropsTheCachedCounts() {
        statistics.signups(List.of(CLOSED));
        storage.count = 7;
        statistics.signupsChanged();

        assertThat(statistics.signups(List.of(CLOSED))).containsExactly(7);
    }

    @Test
    void aSignupOfTodayKeepsTheClosedRangesAndAnOlderOneDropsThem() {
        statistics.signups(List.of(CLOSED));
        storage.count = 7;

        statistics.signupsChangedAt(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(statistics.signups(List.of(CLOSED))).containsExactly(5);

        statistics.signupsChangedAt(Instant.parse("2025-01-15T08:00:00Z"));
        assertThat(statistics.signups(List.of(CLOSED))).containsExactly(7);
    }

    @Test
    void aReadThatStraddlesAChangeIsNotCached() {
        // the count is read (5), then a purge commits and drops the cache (now 4), then the read returns
        storage.duringRead = () -> {
            storage.count = 4;
            statistics.signupsChanged();
        };
        assertThat(statistics.signups(List.of(CLOSED))).containsExactly(5);
        storage.duringRead = () -> { };

        assertThat(statistics.signups(List.of(CLOSED))).containsExactly(4);
    }
}
