package dev.roster.adapters.out.ratelimit;

import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.port.out.access.RateLimitedAction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class Resilience4jRateLimiterTest {

    private static Resilience4jRateLimiter limiter(int permits, Duration period) {
        RateLimitProperties properties = new RateLimitProperties();
        properties.setLimits(Map.of("login-per-email", Map.of("permits", permits, "period", period)));
        return new Resilience4jRateLimiter(properties);
    }

    @Test
    void allowsTheConfiguredPermitsThenRefusesWithTheTimeToWait() {
        Resilience4jRateLimiter limiter = limiter(3, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            limiter.acquire(RateLimitedAction.LOGIN_PER_EMAIL, "digest-a");
        }
        RateLimitExceededException refused = catchThrowableOfType(RateLimitExceededException.class,
                () -> limiter.acquire(RateLimitedAction.LOGIN_PER_EMAIL, "digest-a"));

        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void callersAndActionsHaveSeparateLimits() {
        Resilience4jRateLimiter limiter = limiter(1, Duration.ofMinutes(1));
        limiter.acquire(RateLimitedAction.LOGIN_PER_EMAIL, "digest-a");

        limiter.acquire(RateLimitedAction.LOGIN_PER_EMAIL, "digest-b");
        limiter.acquire(RateLimitedAction.LOGIN_PER_CLIENT, "digest-a");
        assertThatThrownBy(() -> limiter.acquire(RateLimitedAction.LOGIN_PER_EMAIL, "digest-a"))
                .isInstanceOf(RateLimitExceededException.class);
    }

    @Test
    void permitsComeBackAfterThePeriod() throws InterruptedException {
        Resilience4jRateLimiter limiter = limiter(1, Duration.ofMillis(200));
        limiter.acquire(RateLimitedAction.LOGIN_PER_EMAIL, "digest-a");
        assertThatThrownBy(() -> limiter.acquire(RateLimitedAction.LOGIN_PER_EMAIL, "digest-a"))
                .isInstanceOf(RateLimitExceededException.class);

        Thread.sleep(300);

        limiter.acquire(RateLimitedAction.LOGIN_PER_EMAIL, "digest-a");
    }

    @Test
    void unconfiguredActionsUseTheDefaults() {
        RateLimitProperties properties = new RateLimitProperties();
        assertThat(properties.limitFor(RateLimitedAction.LOGIN_PER_EMAIL))
                .isEqualTo(new RateLimitProperties.Limit(10, Duration.ofMinutes(1)));
        assertThat(properties.limitFor(RateLimitedAction.PASSWORD_CHANGE).permits()).isEqualTo(5);
    }

    @Test
    void periodsCanBeGivenAsIso8601Text() {
        RateLimitProperties properties = new RateLimitProperties();
        properties.setLimits(Map.of("password-change", Map.of("permits", "2", "period", "PT30S")));

        assertThat(properties.limitFor(RateLimitedAction.PASSWORD_CHANGE))
                .isEqualTo(new RateLimitProperties.Limit(2, Duration.ofSeconds(30)));
    }
}
