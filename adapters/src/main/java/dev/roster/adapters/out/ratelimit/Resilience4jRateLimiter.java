package dev.roster.adapters.out.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@link RateLimiter} with one resilience4j limiter per (action, caller key), created on first use and dropped after
 * it has been idle for longer than its period, so memory stays bounded however many callers there are (and is
 * capped by {@code roster.rate-limits.max-tracked-callers}). A dropped limiter is full again: forgetting a caller can
 * only give it permits back, never refuse anyone. Created at start-up ({@link RateLimiterFactory}), so that a bad
 * configuration stops the start; on its own with the {@code memory} store, else as the pre-check of
 * {@link SharedRateLimiter}.
 */
final class Resilience4jRateLimiter implements RateLimiter {
    private final Map<RateLimitedAction, RateLimiterConfig> configs = new EnumMap<>(RateLimitedAction.class);
    private final Cache<String, AtomicRateLimiter> limiters;

    Resilience4jRateLimiter(RateLimitProperties properties) {
        properties.refuseUnknownNames();
        Duration longestPeriod = Duration.ZERO;
        for (RateLimitedAction action : RateLimitedAction.values()) {
            RateLimitProperties.Limit limit = properties.limitFor(action);
            configs.put(action, RateLimiterConfig.custom()
                    .limitForPeriod(limit.permits())
                    .limitRefreshPeriod(limit.period())
                    .timeoutDuration(Duration.ZERO)
                    .build());
            longestPeriod = limit.period().compareTo(longestPeriod) > 0 ? limit.period() : longestPeriod;
        }
        // a limiter idle for a whole period is full again: forgetting it loses nothing
        this.limiters = Caffeine.newBuilder()
                .expireAfterAccess(longestPeriod.multipliedBy(2))
                .maximumSize(properties.getMaxTrackedCallers())
                .build();
    }

    @Override
    public void acquire(RateLimitedAction action, String callerKey) {
        AtomicRateLimiter limiter = limiter(action, callerKey);
        if (!limiter.acquirePermission()) {
            throw refused(limiter);
        }
    }

    @Override
    public void check(RateLimitedAction action, String callerKey) {
        // a caller without a limiter has used nothing: the check creates none
        AtomicRateLimiter limiter = limiters.getIfPresent(key(action, callerKey));
        if (limiter != null && limiter.getMetrics().getAvailablePermissions() < 1) {
            throw refused(limiter);
        }
    }

    @Override
    public boolean record(RateLimitedAction action, String callerKey) {
        return limiter(action, callerKey).acquirePermission();
    }

    @Override
    public void drain(RateLimitedAction action, String callerKey) {
        limiter(action, callerKey).drainPermissions();
    }

    private AtomicRateLimiter limiter(RateLimitedAction action, String callerKey) {
        return limiters.get(key(action, callerKey), name -> new AtomicRateLimiter(name, configs.get(action)));
    }

    private static String key(RateLimitedAction action, String callerKey) {
        return action.name() + '|' + callerKey;
    }

    private static RateLimitExceededException refused(AtomicRateLimiter limiter) {
        long nanos = Math.max(limiter.getDetailedMetrics().getNanosToWait(), 0);
        return new RateLimitExceededException(Duration.ofNanos(nanos));
    }
}
