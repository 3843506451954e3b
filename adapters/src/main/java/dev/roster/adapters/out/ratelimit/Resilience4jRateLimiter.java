package dev.roster.adapters.out.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@link RateLimiter} with one resilience4j limiter per (action, caller key), created on first use and dropped after
 * it has been idle for longer than its period, so memory stays bounded however many callers there are (and is
 * capped by {@code roster.rate-limits.max-tracked-callers}).
 */
@Singleton
final class Resilience4jRateLimiter implements RateLimiter {
    private final Map<RateLimitedAction, RateLimiterConfig> configs = new EnumMap<>(RateLimitedAction.class);
    private final Cache<String, AtomicRateLimiter> limiters;

    Resilience4jRateLimiter(RateLimitProperties properties) {
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
        AtomicRateLimiter limiter = limiters.get(action.name() + '|' + callerKey,
                name -> new AtomicRateLimiter(name, configs.get(action)));
        if (!limiter.acquirePermission()) {
            long nanos = Math.max(limiter.getDetailedMetrics().getNanosToWait(), 0);
            throw new RateLimitExceededException(Duration.ofNanos(nanos));
        }
    }
}
