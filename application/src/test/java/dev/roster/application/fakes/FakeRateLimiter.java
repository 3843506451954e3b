package dev.roster.application.fakes;

import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Allows {@code limit} permits per (action, key), never refilled; records the keys it saw. */
public final class FakeRateLimiter implements RateLimiter {
    private final int limit;
    private final Map<String, Integer> used = new HashMap<>();

    public FakeRateLimiter(int limit) {
        this.limit = limit;
    }

    public static FakeRateLimiter unlimited() {
        return new FakeRateLimiter(Integer.MAX_VALUE);
    }

    @Override
    public synchronized void acquire(RateLimitedAction action, String callerKey) {
        String key = action + "|" + callerKey;
        int count = used.merge(key, 1, Integer::sum);
        if (count > limit) {
            throw new RateLimitExceededException(Duration.ofSeconds(60));
        }
    }

    public synchronized Map<String, Integer> used() {
        return Map.copyOf(used);
    }
}
