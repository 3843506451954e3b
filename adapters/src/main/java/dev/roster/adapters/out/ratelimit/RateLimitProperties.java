package dev.roster.adapters.out.ratelimit;

import dev.roster.application.port.out.access.RateLimitedAction;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code roster.rate-limits}: for each action (kebab-case name, e.g. {@code login-per-client}) how many permits per
 * period. Documented in docs/operations.md; the login limits in ADR 0015.
 */
@ConfigurationProperties("roster.rate-limits")
public class RateLimitProperties {
    /** Limits that stop a password-guessing run but not a person who mistypes. */
    private static final Map<RateLimitedAction, Limit> DEFAULTS = Map.of(
            RateLimitedAction.LOGIN_PER_CLIENT, new Limit(60, Duration.ofMinutes(1)),
            RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT, new Limit(10, Duration.ofMinutes(15)),
            RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT, new Limit(20, Duration.ofMinutes(15)),
            RateLimitedAction.PASSWORD_CHANGE, new Limit(5, Duration.ofMinutes(1)),
            RateLimitedAction.HARD_DELETE, new Limit(30, Duration.ofMinutes(1)),
            RateLimitedAction.ANONYMIZE, new Limit(30, Duration.ofMinutes(1)),
            RateLimitedAction.EXPORT, new Limit(30, Duration.ofMinutes(1)),
            RateLimitedAction.IMPORT, new Limit(10, Duration.ofMinutes(1)));

    private Map<String, Map<String, Object>> limits = new HashMap<>();
    private long maxTrackedCallers = 100_000;
    private String store = "auto";
    private Duration storeTimeout = Duration.ofSeconds(2);

    /** One action's limit. */
    public record Limit(int permits, Duration period) {
    }

    /** Where limits are counted (ADR 0023). */
    enum Store {
        /** the shared store on PostgreSQL, in memory on H2 */
        AUTO,
        /** the shared store in the database (PostgreSQL only), behind an in-process pre-check */
        DATABASE,
        /** in this process only: with N instances a caller gets N times the limits */
        MEMORY
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public Duration getStoreTimeout() {
        return storeTimeout;
    }

    public void setStoreTimeout(Duration storeTimeout) {
        this.storeTimeout = storeTimeout;
    }

    Store store() {
        try {
            return Store.valueOf(store.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("roster.rate-limits.store must be auto, database or memory", e);
        }
    }

    public Map<String, Map<String, Object>> getLimits() {
        return limits;
    }

    public void setLimits(Map<String, Map<String, Object>> limits) {
        this.limits = limits;
    }

    public long getMaxTrackedCallers() {
        return maxTrackedCallers;
    }

    public void setMaxTrackedCallers(long maxTrackedCallers) {
        this.maxTrackedCallers = maxTrackedCallers;
    }

    /** Refuses a limit under a name no action has (such as a renamed one): it would otherwise be ignored unnoticed. */
    void refuseUnknownNames() {
        Set<String> known = Arrays.stream(RateLimitedAction.values()).map(RateLimitProperties::name).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(limits.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("roster.rate-limits.limits has no action named " + unknown
                    + "; the actions are " + new TreeSet<>(known));
        }
    }

    Limit limitFor(RateLimitedAction action) {
        Limit fallback = DEFAULTS.get(action);
        Map<String, Object> configured = limits.get(name(action));
        if (configured == null) {
            return fallback;
        }
        Object permits = configured.getOrDefault("permits", fallback.permits());
        Object period = configured.getOrDefault("period", fallback.period());
        return new Limit(Integer.parseInt(permits.toString()),
                period instanceof Duration duration ? duration : Duration.parse(period.toString()));
    }

    /** The action's name in configuration and in metric tags, e.g. {@code login-per-client}. */
    static String name(RateLimitedAction action) {
        return action.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
