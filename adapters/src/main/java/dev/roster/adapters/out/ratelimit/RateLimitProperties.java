package dev.roster.adapters.out.ratelimit;

import dev.roster.application.port.out.access.RateLimitedAction;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code roster.rate-limits}: for each action (kebab-case name, e.g. {@code login-per-email}) how many permits per
 * period. Documented in docs/operations.md.
 */
@ConfigurationProperties("roster.rate-limits")
public class RateLimitProperties {
    /** Limits that stop a password-guessing run but not a person who mistypes. */
    private static final Map<RateLimitedAction, Limit> DEFAULTS = Map.of(
            RateLimitedAction.LOGIN_PER_EMAIL, new Limit(10, Duration.ofMinutes(1)),
            RateLimitedAction.LOGIN_PER_CLIENT, new Limit(60, Duration.ofMinutes(1)),
            RateLimitedAction.PASSWORD_CHANGE, new Limit(5, Duration.ofMinutes(1)),
            RateLimitedAction.HARD_DELETE, new Limit(30, Duration.ofMinutes(1)),
            RateLimitedAction.ANONYMIZE, new Limit(30, Duration.ofMinutes(1)),
            RateLimitedAction.EXPORT, new Limit(30, Duration.ofMinutes(1)),
            RateLimitedAction.IMPORT, new Limit(10, Duration.ofMinutes(1)));

    private Map<String, Map<String, Object>> limits = new HashMap<>();
    private long maxTrackedCallers = 100_000;

    /** One action's limit. */
    public record Limit(int permits, Duration period) {
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

    Limit limitFor(RateLimitedAction action) {
        Limit fallback = DEFAULTS.get(action);
        Map<String, Object> configured = limits.get(action.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (configured == null) {
            return fallback;
        }
        Object permits = configured.getOrDefault("permits", fallback.permits());
        Object period = configured.getOrDefault("period", fallback.period());
        return new Limit(Integer.parseInt(permits.toString()),
                period instanceof Duration duration ? duration : Duration.parse(period.toString()));
    }
}
