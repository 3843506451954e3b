package dev.roster.application.service.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: after the n-th failed attempt, the n-th delay, spread by up to
 * {@code jitter} either way so that receivers coming back are not hit by every retry at once; after the last delay's
 * attempt fails, never (the delivery is failed).
 */
public final class RetrySchedule {
    private final List<Duration> delays;
    private final double jitter;
    private final RandomGenerator random;

    public RetrySchedule(List<Duration> delays, double jitter, RandomGenerator random) {
        this.delays = List.copyOf(Objects.requireNonNull(delays, "delays"));
        this.random = Objects.requireNonNull(random, "random");
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter is a fraction from 0 to below 1");
        }
        this.jitter = jitter;
        if (this.delays.stream().anyMatch(delay -> delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("retry delays are positive");
        }
    }

    /** How many attempts a delivery gets in all: the first and one after each delay. */
    public int attempts() {
        return delays.size() + 1;
    }

    /** The next attempt after {@code failedAttempts} attempts failed, the last at {@code now}; empty: give up. */
    public Optional<Instant> next(int failedAttempts, Instant now) {
        if (failedAttempts < 1 || failedAttempts > delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(failedAttempts - 1);
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        // in microseconds, what the databases store
        return Optional.of(now.plusNanos(Math.max(1_000, (long) (base.toNanos() * factor))).truncatedTo(ChronoUnit.MICROS));
    }
}
