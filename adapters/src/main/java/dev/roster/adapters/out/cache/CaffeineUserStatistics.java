package dev.roster.adapters.out.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.roster.application.port.out.stats.StatisticsInvalidation;
import dev.roster.application.port.out.stats.TimeRange;
import dev.roster.application.port.out.stats.UserStatistics;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserStatus;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;

/**
 * Caches signup counts of <em>closed</em> ranges: a range that ends before the start of the current UTC day cannot
 * gain signups any more (new users are created now), so its count is kept; ranges that reach into today are always
 * read. A repeated query over closed periods is answered from memory without touching the database; the ranges
 * missing from the cache are read in one call. A purge or an import can change the past, and
 * {@link #signupsChanged()} drops the cache. Counts by status and role change with every write and are not cached.
 */
@Singleton
@Primary
final class CaffeineUserStatistics implements UserStatistics, StatisticsInvalidation {
    private final UserStatistics storage;
    private final Clock clock;
    /** Counts the invalidations, so that a read that straddles one is not cached. */
    private final AtomicLong generation = new AtomicLong();
    private final Cache<TimeRange, Long> closedRanges = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(1))
            .build();

    CaffeineUserStatistics(@Named("storage") UserStatistics storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    @Override
    public long[] signups(List<TimeRange> ranges) {
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        long[] counts = new long[ranges.size()];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            Long cached = ranges.get(i).to().isAfter(today) ? null : closedRanges.getIfPresent(ranges.get(i));
            if (cached == null) {
                missing.add(i);
            } else {
                counts[i] = cached;
            }
        }
        if (!missing.isEmpty()) {
            long generationRead = generation.get();
            long[] read = storage.signups(missing.stream().map(ranges::get).toList());
            synchronized (this) {
                // a purge or import that committed while we read may have changed these counts: keep them out
                boolean current = generation.get() == generationRead;
                for (int j = 0; j < read.length; j++) {
                    TimeRange range = ranges.get(missing.get(j));
                    counts[missing.get(j)] = read[j];
                    if (current && !range.to().isAfter(today)) {
                        closedRanges.put(range, read[j]);
                    }
                }
            }
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

    /** A signup of today cannot be in a closed range: only an older one drops the cache. */
    @Override
    public void signupsChangedAt(Instant at) {
        if (at.isBefore(clock.instant().truncatedTo(ChronoUnit.DAYS))) {
            signupsChanged();
        }
    }

    @Override
    public synchronized void signupsChanged() {
        generation.incrementAndGet();
        closedRanges.invalidateAll();
    }
}
