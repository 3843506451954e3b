package dev.roster.adapters.out.ratelimit;

import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;
import dev.roster.bootstrap.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The shared store of rate-limit windows on PostgreSQL (ADR 0023): windows, expiry, the cap, check/record/drain as the
 * port's contract says, atomicity under concurrent callers, independence from the caller's transaction, and the
 * removal of ended windows. PostgreSQL only: H2 keeps limits in memory. Waiting for a window to end is done with short
 * periods; nothing asserts how long a call takes.
 */
@MicronautTest(transactional = false)
class PostgresRateLimitStoreTest {
    private static final String SECRET = "test-only-secret-0123456789abcdef0123456789abcdef";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Inject
    TestDatabase database;
    @Inject
    @Named("default")
    DataSource dataSource;
    @Inject
    TransactionOperations<Connection> transactions;

    private PostgresRateLimitStore store;

    @BeforeEach
    void onPostgresWithAnEmptyStore() {
        assumeThat(database.productName()).isEqualTo("PostgreSQL");
        database.clear();
        store = new PostgresRateLimitStore(DelegatingDataSource.unwrapDataSource(dataSource), Duration.ofSeconds(2));
    }

    @Nested
    class Take {
        @Test
        void theFirstUseStartsAWindowOfThePeriodThatGrantsThePermitsThenRefusesUntilItEnds() throws SQLException {
            for (int i = 0; i < 3; i++) {
                PostgresRateLimitStore.Take take = store.take("a", 3, MINUTE);
                assertThat(take.granted()).as("permit %d", i + 1).isTrue();
                assertThat(take.untilWindowEnds()).isPositive().isLessThanOrEqualTo(MINUTE);
            }

            PostgresRateLimitStore.Take refused = store.take("a", 3, MINUTE);

            assertThat(refused.granted()).isFalse();
            assertThat(refused.untilWindowEnds()).isPositive().isLessThanOrEqualTo(MINUTE);
            assertThat(store.take("b", 3, MINUTE).granted()).as("another bucket").isTrue();
        }

        @Test
        void refusalsDoNotMoveTheWindowNorCountBeyondTheCap() throws SQLException {
            store.take("a", 2, MINUTE);
            store.take("a", 2, MINUTE);
            String endBefore = row("a").get(1);
            for (int i = 0; i < 20; i++) {
                assertThat(store.take("a", 2, MINUTE).granted()).isFalse();
            }

            assertThat(row("a")).containsExactly("3", endBefore);
        }

        @Test
        void anEndedWindowIsReplacedByANewOneAtTheNextUse() throws Exception {
            Duration period = Duration.ofMillis(300);
            store.take("a", 1, period);
            assertThat(store.take("a", 1, period).granted()).isFalse();

            waitUntilWindowEnds("a");

            PostgresRateLimitStore.Take again = store.take("a", 1, period);
            assertThat(again.granted()).isTrue();
            assertThat(again.untilWindowEnds()).isPositive().isLessThanOrEqualTo(period);
            assertThat(row("a").get(0)).isEqualTo("1");
        }

        @Test
        void concurrentCallersOfOneBucketGetExactlyThePermits() throws Exception {
            int callers = 40;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<Boolean>> takes = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    Callable<Boolean> take = () -> {
                        start.await();
                        return store.take("contended", 10, MINUTE).granted();
                    };
                    takes.add(pool.submit(take));
                }
                start.countDown();
                int granted = 0;
                for (Future<Boolean> take : takes) {
                    granted += take.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(granted).isEqualTo(10);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class UsedUp {
        @Test
        void aBucketNeverUsedOrWithPermitsLeftIsNotUsedUpAndTheCheckTakesNothing() throws SQLException {
            assertThat(store.usedUp("a", 2)).isEmpty();
            assertThat(row("a")).as("a check creates no row").isEmpty();
            store.take("a", 2, MINUTE);
            for (int i = 0; i < 5; i++) {
                assertThat(store.usedUp("a", 2)).isEmpty();
            }

            assertThat(store.take("a", 2, MINUTE).granted()).as("the second permit is still there").isTrue();
            assertThat(store.usedUp("a", 2)).hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(MINUTE));
        }

        @Test
        void anEndedWindowIsNotUsedUp() throws Exception {
            store.take("a", 1, Duration.ofMillis(300));
            assertThat(store.usedUp("a", 1)).isPresent();

            waitUntilWindowEnds("a");

            assertThat(store.usedUp("a", 1)).isEmpty();
        }
    }

    @Nested
    class Drain {
        @Test
        void drainingUsesUpTheWindowLeftAndKeepsItsEnd() throws SQLException {
            store.take("a", 5, MINUTE);
            String end = row("a").get(1);

            store.drain("a", 5, MINUTE);

            assertThat(store.usedUp("a", 5)).isPresent();
            assertThat(store.take("a", 5, MINUTE).granted()).isFalse();
            assertThat(row("a").get(1)).isEqualTo(end);
        }

        @Test
        void drainingABucketWithoutAWindowStartsAUsedUpOne() throws Exception {
            store.drain("a", 5, MINUTE);
            assertThat(store.usedUp("a", 5)).hasValueSatisfying(wait -> assertThat(wait).isLessThanOrEqualTo(MINUTE));

            store.take("b", 5, Duration.ofMillis(300));
            waitUntilWindowEnds("b");
            store.drain("b", 5, MINUTE);
            assertThat(store.usedUp("b", 5)).hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofSeconds(30)));
        }
    }

    @Nested
    class Cleanup {
        @Test
        void endedWindowsAreRemovedAndLiveOnesKept() throws Exception {
            for (int i = 0; i < 5; i++) {
                store.take("ended-" + i, 1, Duration.ofMillis(200));
            }
            store.take("live", 1, MINUTE);
            waitUntilWindowEnds("ended-4");

            assertThat(store.deleteEnded(2)).isEqualTo(5);

            assertThat(row("ended-0")).isEmpty();
            assertThat(row("live")).isNotEmpty();
        }
    }

    @Nested
    class ThroughThePort {
        private SharedRateLimiter instance(RateLimitProperties properties) {
            return new SharedRateLimiter(new Resilience4jRateLimiter(properties), store, new RateLimitKeys(SECRET), properties,
                    new SimpleMeterRegistry());
        }

        private RateLimitProperties permits(int permits) {
            RateLimitProperties properties = new RateLimitProperties();
            Map<String, Map<String, Object>> limits = new HashMap<>();
            for (RateLimitedAction action : RateLimitedAction.values()) {
                limits.put(RateLimitProperties.name(action), Map.of("permits", permits, "period", MINUTE));
            }
            properties.setLimits(limits);
            return properties;
        }

        @Test
        void twoInstancesShareTheLimitAndEitherRefusesWithTheTimeLeft() {
            RateLimiter a = instance(permits(4));
            RateLimiter b = instance(permits(4));
            a.acquire(RateLimitedAction.EXPORT, "caller");
            b.acquire(RateLimitedAction.EXPORT, "caller");
            a.acquire(RateLimitedAction.EXPORT, "caller");
            b.acquire(RateLimitedAction.EXPORT, "caller");

            RateLimitExceededException onA = catchThrowableOfType(RateLimitExceededException.class,
                    () -> a.acquire(RateLimitedAction.EXPORT, "caller"));
            RateLimitExceededException onB = catchThrowableOfType(RateLimitExceededException.class,
                    () -> b.acquire(RateLimitedAction.EXPORT, "caller"));

            assertThat(onA.retryAfter()).isPositive().isLessThanOrEqualTo(MINUTE);
            assertThat(onB.retryAfter()).isPositive().isLessThanOrEqualTo(MINUTE);
        }

        @Test
        void recordCountsOnEveryInstanceAndCheckRefusesWhenTheTotalIsUsedUp() {
            RateLimiter a = instance(permits(3));
            RateLimiter b = instance(permits(3));
            RateLimitedAction action = RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT;

            assertThat(a.record(action, "pair")).isTrue();
            assertThat(b.record(action, "pair")).isTrue();
            b.check(action, "pair");
            assertThat(a.record(action, "pair")).isTrue();

            assertThatThrownBy(() -> b.check(action, "pair")).isInstanceOf(RateLimitExceededException.class);
            assertThat(b.record(action, "pair")).as("no permit left in total").isFalse();
        }

        @Test
        void drainOnOneInstanceRefusesOnTheOther() {
            RateLimiter a = instance(permits(10));
            RateLimiter b = instance(permits(10));

            a.drain(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT, "pair");

            assertThatThrownBy(() -> b.check(RateLimitedAction.LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT, "pair"))
                    .isInstanceOf(RateLimitExceededException.class);
        }

        @Test
        void aPermitTakenInsideATransactionThatRollsBackStaysTaken() {
            RateLimiter a = instance(permits(1));
            transactions.executeWrite(status -> {
                a.acquire(RateLimitedAction.ANONYMIZE, "caller");
                status.setRollbackOnly();
                return null;
            });

            RateLimiter b = instance(permits(1));
            assertThatThrownBy(() -> b.acquire(RateLimitedAction.ANONYMIZE, "caller"))
                    .isInstanceOf(RateLimitExceededException.class);
        }

        @Test
        void theStoreHoldsNoCallerKeyButItsKeyedDigest() throws SQLException {
            instance(permits(5)).acquire(RateLimitedAction.LOGIN_PER_CLIENT, "203.0.113.7");

            List<String> buckets = query("SELECT bucket FROM rate_limit_windows");
            assertThat(buckets).singleElement().asString().matches("[0-9a-f]{64}").doesNotContain("203");
            assertThat(buckets.get(0)).isEqualTo(new RateLimitKeys(SECRET).bucket(RateLimitedAction.LOGIN_PER_CLIENT, "203.0.113.7"));
        }
    }

    @Test
    void theTableIsUnloggedOnPostgres() throws SQLException {
        assertThat(query("SELECT relpersistence FROM pg_class WHERE relname = 'rate_limit_windows'")).containsExactly("u");
    }

    /** Polls until the bucket's window has ended in the database's clock (deadline 10 s). */
    private void waitUntilWindowEnds(String bucket) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!query("SELECT bucket FROM rate_limit_windows WHERE bucket = '" + bucket + "' AND window_end > statement_timestamp()").isEmpty()) {
            assertThat(System.nanoTime()).as("window of %s ended", bucket).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The bucket's used and window_end, or empty. */
    private List<String> row(String bucket) throws SQLException {
        List<String> used = query("SELECT used FROM rate_limit_windows WHERE bucket = '" + bucket + "'");
        List<String> end = query("SELECT window_end FROM rate_limit_windows WHERE bucket = '" + bucket + "'");
        List<String> row = new ArrayList<>(used);
        row.addAll(end);
        return row;
    }

    private List<String> query(String sql) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
