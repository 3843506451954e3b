package dev.roster.adapters.out.ratelimit;

import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.model.access.RateLimitUnavailableException;
import dev.roster.application.port.out.access.RateLimitedAction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the shared limiter does when its store fails (ADR 0023), with a store whose every connection attempt fails:
 * actions that guard a password check are refused, never let through; the others are counted by this process alone,
 * and every failure is counted in the metric. The store itself is tested on PostgreSQL (PostgresRateLimitStoreTest).
 */
class SharedRateLimiterTest {
    private static final String SECRET = "test-only-secret-0123456789abcdef0123456789abcdef";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private SharedRateLimiter withFailingStore(int permits) {
        RateLimitProperties properties = new RateLimitProperties();
        Map<String, Map<String, Object>> limits = new HashMap<>();
        for (RateLimitedAction action : RateLimitedAction.values()) {
            limits.put(RateLimitProperties.name(action), Map.of("permits", permits, "period", Duration.ofMinutes(1)));
        }
        properties.setLimits(limits);
        DataSource unreachable = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    throw new SQLTransientConnectionException("no connection available", "08001");
                });
        return new SharedRateLimiter(new Resilience4jRateLimiter(properties),
                new PostgresRateLimitStore(unreachable, Duration.ofSeconds(1)), new RateLimitKeys(SECRET), properties, registry);
    }

    private double failures(RateLimitedAction action) {
        return registry.get("roster.rate.limit.store.failures").tag("action", RateLimitProperties.name(action)).counter().count();
    }

    @Nested
    class WhenTheStoreFails {
        @ParameterizedTest
        @EnumSource(value = RateLimitedAction.class, names = {"LOGIN_PER_CLIENT", "LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT",
                "LOGIN_FAILURES_PER_ACCOUNT", "PASSWORD_CHANGE"})
        void anActionThatGuardsAPasswordCheckIsRefusedByEveryCall(RateLimitedAction action) {
            SharedRateLimiter limiter = withFailingStore(100);

            assertThatThrownBy(() -> limiter.acquire(action, "caller")).isInstanceOf(RateLimitUnavailableException.class);
            assertThatThrownBy(() -> limiter.check(action, "caller")).isInstanceOf(RateLimitUnavailableException.class);
            assertThatThrownBy(() -> limiter.record(action, "caller")).isInstanceOf(RateLimitUnavailableException.class);
            assertThatThrownBy(() -> limiter.drain(action, "caller")).isInstanceOf(RateLimitUnavailableException.class);
            assertThat(failures(action)).isEqualTo(4);
        }

        @ParameterizedTest
        @EnumSource(value = RateLimitedAction.class, names = {"HARD_DELETE", "ANONYMIZE", "EXPORT", "IMPORT"})
        void anotherActionIsCountedByThisProcessAlone(RateLimitedAction action) {
            SharedRateLimiter limiter = withFailingStore(2);

            limiter.acquire(action, "caller");
            limiter.acquire(action, "caller");

            assertThatThrownBy(() -> limiter.acquire(action, "caller")).isInstanceOf(RateLimitExceededException.class);
            limiter.acquire(action, "another caller");
            // the third was refused locally, without asking the store
            assertThat(failures(action)).isEqualTo(3);
        }

        @Test
        void aLocalRefusalOfALoginIsStill429NotUnavailable() {
            SharedRateLimiter limiter = withFailingStore(1);
            assertThatThrownBy(() -> limiter.acquire(RateLimitedAction.LOGIN_PER_CLIENT, "caller"))
                    .isInstanceOf(RateLimitUnavailableException.class);

            // the local count took the permit before the store failed: this process alone already refuses
            assertThatThrownBy(() -> limiter.acquire(RateLimitedAction.LOGIN_PER_CLIENT, "caller"))
                    .isInstanceOf(RateLimitExceededException.class);
        }
    }

    @Nested
    class Keys {
        @Test
        void instancesWithTheSameSecretAgreeOnEveryBucketAndAnotherSecretGivesOthers() {
            RateLimitKeys one = new RateLimitKeys(SECRET);
            RateLimitKeys other = new RateLimitKeys(SECRET);
            RateLimitKeys foreign = new RateLimitKeys("another-secret-0123456789abcdef0123456789abcdef");

            assertThat(one.bucket(RateLimitedAction.LOGIN_PER_CLIENT, "203.0.113.7"))
                    .isEqualTo(other.bucket(RateLimitedAction.LOGIN_PER_CLIENT, "203.0.113.7"))
                    .isNotEqualTo(foreign.bucket(RateLimitedAction.LOGIN_PER_CLIENT, "203.0.113.7"))
                    .isNotEqualTo(one.bucket(RateLimitedAction.EXPORT, "203.0.113.7"))
                    .matches("[0-9a-f]{64}");
            assertThat(one.emailDigestSalt()).isEqualTo(other.emailDigestSalt()).isNotEqualTo(foreign.emailDigestSalt());
        }

        @Test
        void withoutASecretEachProcessHasKeysOfItsOwn() {
            RateLimitKeys one = new RateLimitKeys("");
            RateLimitKeys other = new RateLimitKeys(null);

            assertThat(one.shared()).isFalse();
            assertThat(one.bucket(RateLimitedAction.EXPORT, "user")).isNotEqualTo(other.bucket(RateLimitedAction.EXPORT, "user"));
        }
    }
}
