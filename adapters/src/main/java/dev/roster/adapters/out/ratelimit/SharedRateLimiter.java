package dev.roster.adapters.out.ratelimit;

import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.model.access.RateLimitUnavailableException;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link RateLimiter} whose limits hold in total across the instances on one PostgreSQL (ADR 0023): this process's
 * resilience4j limiters first, as a pre-check (what one instance counted is part of the total, so a caller it refuses
 * is refused without a database round trip), then the shared windows of {@link PostgresRateLimitStore}, which decide.
 * <p>
 * When the store fails, actions that {@linkplain RateLimitedAction#guardsPasswordChecks() guard a password check}
 * are refused ({@link RateLimitUnavailableException}, 503); the others are counted by this process alone. The first
 * failure of an outage is logged as a warning and its end as information; every failure is counted at /prometheus
 * ({@code roster_rate_limit_store_failures_total}).
 */
final class SharedRateLimiter implements RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(SharedRateLimiter.class);

    private final Resilience4jRateLimiter local;
    private final PostgresRateLimitStore store;
    private final RateLimitKeys keys;
    private final Map<RateLimitedAction, RateLimitProperties.Limit> limits = new EnumMap<>(RateLimitedAction.class);
    private final Map<RateLimitedAction, Counter> refusedLocally = new EnumMap<>(RateLimitedAction.class);
    private final Map<RateLimitedAction, Counter> refusedShared = new EnumMap<>(RateLimitedAction.class);
    private final Map<RateLimitedAction, Counter> failures = new EnumMap<>(RateLimitedAction.class);
    private final AtomicBoolean storeDown = new AtomicBoolean();

    SharedRateLimiter(Resilience4jRateLimiter local, PostgresRateLimitStore store, RateLimitKeys keys,
                      RateLimitProperties properties, MeterRegistry registry) {
        this.local = local;
        this.store = store;
        this.keys = keys;
        for (RateLimitedAction action : RateLimitedAction.values()) {
            limits.put(action, properties.limitFor(action));
            refusedLocally.put(action, refusals(registry, action, "local"));
            refusedShared.put(action, refusals(registry, action, "shared"));
            failures.put(action, Counter.builder("roster.rate.limit.store.failures")
                    .description("Calls to the shared rate-limit store that failed, by action and what was done instead")
                    .tag("action", RateLimitProperties.name(action))
                    .tag("outcome", action.guardsPasswordChecks() ? "refused" : "local-only")
                    .register(registry));
        }
    }

    private static Counter refusals(MeterRegistry registry, RateLimitedAction action, String by) {
        return Counter.builder("roster.rate.limit.refusals")
                .description("Callers refused by a rate limit, by action and by the count that refused them")
                .tag("action", RateLimitProperties.name(action))
                .tag("by", by)
                .register(registry);
    }

    @Override
    public void acquire(RateLimitedAction action, String callerKey) {
        try {
            local.acquire(action, callerKey);
        } catch (RateLimitExceededException refused) {
            refusedLocally.get(action).increment();
            throw refused;
        }
        RateLimitProperties.Limit limit = limits.get(action);
        Optional<PostgresRateLimitStore.Take> take = shared(action,
                () -> store.take(keys.bucket(action, callerKey), limit.permits(), limit.period()));
        if (take.isPresent() && !take.get().granted()) {
            refusedShared.get(action).increment();
            throw new RateLimitExceededException(take.get().untilWindowEnds());
        }
    }

    @Override
    public void check(RateLimitedAction action, String callerKey) {
        try {
            local.check(action, callerKey);
        } catch (RateLimitExceededException refused) {
            refusedLocally.get(action).increment();
            throw refused;
        }
        Optional<Optional<Duration>> usedUp = shared(action,
                () -> store.usedUp(keys.bucket(action, callerKey), limits.get(action).permits()));
        if (usedUp.isPresent() && usedUp.get().isPresent()) {
            refusedShared.get(action).increment();
            throw new RateLimitExceededException(usedUp.get().get());
        }
    }

    @Override
    public boolean record(RateLimitedAction action, String callerKey) {
        boolean locallyLeft = local.record(action, callerKey);
        RateLimitProperties.Limit limit = limits.get(action);
        // counted in the store even when this process has none left: the other instances must see it
        Optional<PostgresRateLimitStore.Take> take = shared(action,
                () -> store.take(keys.bucket(action, callerKey), limit.permits(), limit.period()));
        return locallyLeft && take.map(PostgresRateLimitStore.Take::granted).orElse(true);
    }

    @Override
    public void drain(RateLimitedAction action, String callerKey) {
        local.drain(action, callerKey);
        RateLimitProperties.Limit limit = limits.get(action);
        shared(action, () -> {
            store.drain(keys.bucket(action, callerKey), limit.permits(), limit.period());
            return Boolean.TRUE;
        });
    }

    /** Removes the rows of ended windows (RateLimitWindowCleanup). */
    long deleteEndedWindows(int batch) throws SQLException {
        return store.deleteEnded(batch);
    }

    /** A call to the store: its answer, or empty when it failed and the action may go on with the local count. */
    private <T> Optional<T> shared(RateLimitedAction action, StoreCall<T> call) {
        T answer;
        try {
            answer = call.run();
        } catch (SQLException | RuntimeException e) {
            failures.get(action).increment();
            if (storeDown.compareAndSet(false, true)) {
                // the class and SQLState only: messages can quote values
                LOG.warn("Shared rate-limit store failed ({}{}): logins and password changes are refused with 503, "
                                + "other limits are counted by this instance alone until it answers again",
                        e.getClass().getSimpleName(), e instanceof SQLException sql ? ", SQLState " + sql.getSQLState() : "");
            }
            if (action.guardsPasswordChecks()) {
                throw new RateLimitUnavailableException();
            }
            return Optional.empty();
        }
        if (storeDown.compareAndSet(true, false)) {
            LOG.info("Shared rate-limit store answers again: limits are counted across instances");
        }
        return Optional.of(answer);
    }

    @FunctionalInterface
    private interface StoreCall<T> {
        T run() throws SQLException;
    }
}
