package dev.roster.adapters.out.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.roster.application.port.out.StatisticsInvalidation;
import dev.roster.application.port.out.UserStatistics;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserStatus;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Caches signup counts of <em>closed</em> periods: a query is split at the start of the current UTC day; the part
 * before it cannot change any more (new users are created now), so it is cached; today's part is always read. A purge
 * or an import can change the past, and {@link #signupsChanged()} drops the cache. Counts by status and role change
 * with every write and are not cached.
 */
@Singleton
@Primary
final class CaffeineUserStatistics implements UserStatistics, StatisticsInvalidation {
    private final UserStatistics storage;
    private final Clock clock;
    private final Cache<Range, Map<Long, Long>> closedPeriods = Caffeine.newBuilder()
            .maximumSize(1_000)
            .expireAfterWrite(Duration.ofDays(1))
            .build();

    CaffeineUserStatistics(@Named("storage") UserStatistics storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    private record Range(Instant from, Instant to) {
    }

    @Override
    public Map<Long, Long> signupsPerQuarterHour(Instant from, Instant to) {
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        if (!from.isBefore(today)) {
            return storage.signupsPerQuarterHour(from, to);
        }
        Instant closedEnd = to.isAfter(today) ? today : to;
        Map<Long, Long> counts = new HashMap<>(closedPeriods.get(new Range(from, closedEnd),
                range -> Map.copyOf(storage.signupsPerQuarterHour(range.from(), range.to()))));
        if (to.isAfter(today)) {
            storage.signupsPerQuarterHour(today, to).forEach((bucket, count) -> counts.merge(bucket, count, Long::sum));
        }
        return counts;
    }

    @Override
    public Map<UserStatus, Long> countByStatus() {
        return storage.countByStatus();
    }

    @Override
    public Map<Role, Long> countByRole() {
        return storage.countByRole();
    }

    @Override
    public void signupsChanged() {
        closedPeriods.invalidateAll();
    }
}
