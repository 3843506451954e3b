package dev.roster.adapters.out.ratelimit;

import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.port.out.access.RateLimitedAction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class Resilience4jRateLimiterTest {
    private static final RateLimitedAction ACTION = RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT;

    private static Resilience4jRateLimiter limiter(int permits, Duration period) {
        RateLimitProperties properties = new RateLimitProperties();
        properties.setLimits(Map.of("login-failures-per-account-and-client", Map.of("permits", permits, "period", period)));
        return new Resilience4jRateLimiter(properties);
    }

    @Nested
    class Acquire {
        @Test
        void allowsTheConfiguredPermitsThenRefusesWithTheTimeToWait() {
            Resilience4jRateLimiter limiter = limiter(3, Duration.ofMinutes(1));
            for (int i = 0; i < 3; i++) {
                limiter.acquire(ACTION, "digest-a");
            }
            RateLimitExceededException refused = catchThrowableOfType(RateLimitExceededException.class,
                    () -> limiter.acquire(ACTION, "digest-a"));

            assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        }

        @Test
        void callersAndActionsHaveSeparateLimits() {
            Resilience4jRateLimiter limiter = limiter(1, Duration.ofMinutes(1));
            limiter.acquire(ACTION, "digest-a");

            limiter.acquire(ACTION, "digest-b");
            limiter.acquire(RateLimitedAction.LOGIN_PER_CLIENT, "digest-a");
            assertThatThrownBy(() -> limiter.acquire(ACTION, "digest-a"))
                    .isInstanceOf(RateLimitExceededException.class);
        }

        @Test
        void permitsComeBackAfterThePeriod() throws InterruptedException {
            Resilience4jRateLimiter limiter = limiter(1, Duration.ofMillis(200));
            limiter.acquire(ACTION, "digest-a");
            assertThatThrownBy(() -> limiter.acquire(ACTION, "digest-a"))
                    .isInstanceOf(RateLimitExceededException.class);

            Thread.sleep(300);

            limiter.acquire(ACTION, "digest-a");
        }
    }

    @Nested
    class CheckRecordAndDrain {
        @Test
        void aCheckTakesNoPermit() {
            Resilience4jRateLimiter limiter = limiter(1, Duration.ofMinutes(1));
            for (int i = 0; i < 5; i++) {
                limiter.check(ACTION, "digest-a");
            }

            limiter.acquire(ACTION, "digest-a");
        }

        @Test
        void recordingTakesPermitsUntilNoneIsLeftAndThenTheCheckRefuses() {
            Resilience4jRateLimiter limiter = limiter(2, Duration.ofMinutes(1));

            assertThat(limiter.record(ACTION, "digest-a")).isTrue();
            limiter.check(ACTION, "digest-a");
            assertThat(limiter.record(ACTION, "digest-a")).isTrue();
            assertThat(limiter.record(ACTION, "digest-a")).as("no permit left").isFalse();

            RateLimitExceededException refused = catchThrowableOfType(RateLimitExceededException.class,
                    () -> limiter.check(ACTION, "digest-a"));
            assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
            limiter.check(ACTION, "digest-b");
        }

        @Test
        void drainingLeavesTheCallerNoPermitForTheRestOfThePeriod() {
            Resilience4jRateLimiter limiter = limiter(10, Duration.ofMinutes(1));
            limiter.record(ACTION, "digest-a");
            limiter.drain(ACTION, "digest-a");

            RateLimitExceededException refused = catchThrowableOfType(RateLimitExceededException.class,
                    () -> limiter.check(ACTION, "digest-a"));
            assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
            assertThat(limiter.record(ACTION, "digest-a")).isFalse();
            limiter.check(ACTION, "digest-b");
        }
    }

    @Nested
    class Configuration {
        @Test
        void unconfiguredActionsUseTheDefaults() {
            RateLimitProperties properties = new RateLimitProperties();
            assertThat(properties.limitFor(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT))
                    .isEqualTo(new RateLimitProperties.Limit(10, Duration.ofMinutes(15)));
            assertThat(properties.limitFor(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT))
                    .isEqualTo(new RateLimitProperties.Limit(20, Duration.ofMinutes(15)));
            assertThat(properties.limitFor(RateLimitedAction.PASSWORD_CHANGE).permits()).isEqualTo(5);
        }

        @Test
        void periodsCanBeGivenAsIso8601Text() {
            RateLimitProperties properties = new RateLimitProperties();
            properties.setLimits(Map.of("password-change", Map.of("permits", "2", "period", "PT30S")));

            assertThat(properties.limitFor(RateLimitedAction.PASSWORD_CHANGE))
                    .isEqualTo(new RateLimitProperties.Limit(2, Duration.ofSeconds(30)));
        }

        @Test
        void aLimitUnderANameNoActionHasIsRefused() {
            RateLimitProperties properties = new RateLimitProperties();
            properties.setLimits(Map.of("login-per-email", Map.of("permits", 5)));

            assertThatThrownBy(() -> new Resilience4jRateLimiter(properties))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("[login-per-email]");
        }
    }
}
