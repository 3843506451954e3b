package dev.roster.application.fakes;

import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Allows {@code limit} permits per (action, key), or the limit set for that action with {@link #with}, never refilled;
 * records the keys it saw and the permits taken under each ({@link #used()}).
 */
public final class FakeRateLimiter implements RateLimiter {
    private final int limit;
    private final Map<RateLimitedAction, Integer> limits = new EnumMap<>(RateLimitedAction.class);
    private final Map<String, Integer> used = new HashMap<>();

    public FakeRateLimiter(int limit) {
        this.limit = limit;
    }

    public static FakeRateLimiter unlimited() {
        return new FakeRateLimiter(Integer.MAX_VALUE);
    }

    /** The same limiter with its own limit for one action. */
    public synchronized FakeRateLimiter with(RateLimitedAction action, int actionLimit) {
        limits.put(action, actionLimit);
        return this;
    }

    @Override
    public synchronized void acquire(RateLimitedAction action, String callerKey) {
        String key = action + "|" + callerKey;
        int count = used.merge(key, 1, Integer::sum);
        if (count > limitOf(action)) {
            throw refused();
        }
    }

    @Override
    public synchronized void check(RateLimitedAction action, String callerKey) {
        if (used.getOrDefault(action + "|" + callerKey, 0) >= limitOf(action)) {
            throw refused();
        }
    }

    @Override
    public synchronized boolean record(RateLimitedAction action, String callerKey) {
        String key = action + "|" + callerKey;
        if (used.getOrDefault(key, 0) >= limitOf(action)) {
            return false;
        }
        used.merge(key, 1, Integer::sum);
        return true;
    }

    @Override
    public synchronized void drain(RateLimitedAction action, String callerKey) {
        used.put(action + "|" + callerKey, limitOf(action));
    }

    public synchronized Map<String, Integer> used() {
        return Map.copyOf(used);
    }

    private int limitOf(RateLimitedAction action) {
        return limits.getOrDefault(action, limit);
    }

    private static RateLimitExceededException refused() {
        return new RateLimitExceededException(Duration.ofSeconds(60));
    }
}
