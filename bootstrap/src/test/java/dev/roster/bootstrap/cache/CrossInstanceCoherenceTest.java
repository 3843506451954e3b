package dev.roster.bootstrap.cache;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.domain.user.Role;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static dev.roster.bootstrap.TestClient.ME;
import static dev.roster.bootstrap.TestClient.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Two instances on one PostgreSQL behave as one (SPEC §7, ADR 0025): a change committed through instance A is refused
 * or shown by instance B within 1 s, although B had the user's token check and view cached (the cache entries live
 * 30 s: only the cross-instance eviction can make B notice in time). Also when B's listening connection is killed
 * just before the change. PostgreSQL only: H2 is embedded, one instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossInstanceCoherenceTest {
    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final String SIGNUPS_2024 = "/api/v1/stats/signups?year=2024";

    private EmbeddedServer a;
    private EmbeddedServer b;
    private TestClient httpA;
    private TestClient httpB;
    private TestAccounts accountsA;
    private String admin;

    @BeforeAll
    void startTwoInstances() {
        a = ApplicationContext.run(EmbeddedServer.class, instance("a"), "test");
        TestDatabase database = a.getApplicationContext().getBean(TestDatabase.class);
        String product = database.productName();
        if (!"PostgreSQL".equals(product)) {
            a.close();
            a = null;
            assumeThat(product).as("several instances need PostgreSQL").isEqualTo("PostgreSQL");
        }
        database.clear();
        b = ApplicationContext.run(EmbeddedServer.class, instance("b"), "test");
        httpA = a.getApplicationContext().getBean(TestClient.class);
        httpB = b.getApplicationContext().getBean(TestClient.class);
        accountsA = a.getApplicationContext().getBean(TestAccounts.class);
        admin = accountsA.adminToken();
    }

    private static Map<String, Object> instance(String name) {
        return Map.of("micronaut.server.port", -1, "roster.events.listener-name", "coherence-test-" + name + "-" + UUID.randomUUID());
    }

    @AfterAll
    void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @BeforeEach
    void bothInstancesListen() {
        awaitListening(b);
        awaitListening(a);
    }

    @Test
    void aUserDeactivatedOnOneInstanceIsRefusedOnTheOtherWithinASecond() {
        Session user = cachedOnB();

        httpA.post(USERS + "/" + user.id + "/deactivate", admin).assertStatus(200);

        assertRefusedOnB(user);
        assertViewOnB(user.id, view -> "DEACTIVATED".equals(view.get("status")));
    }

    @Test
    void aUserSoftDeletedOnOneInstanceIsRefusedOnTheOtherWithinASecond() {
        Session user = cachedOnB();

        httpA.delete(USERS + "/" + user.id, admin).assertStatus(204);

        assertRefusedOnB(user);
        assertViewOnB(user.id, view -> "DELETED".equals(view.get("status")));
    }

    @Test
    void aUserAnonymizedOnOneInstanceIsRefusedOnTheOtherWithinASecond() {
        Session user = cachedOnB();

        httpA.post(USERS + "/" + user.id + "/anonymize", admin).assertStatus(200);

        assertRefusedOnB(user);
        assertViewOnB(user.id, view -> "ANONYMIZED".equals(view.get("status")));
    }

    @Test
    void anAdministratorStrippedOfTheRoleOnOneInstanceIsRefusedOnTheOtherWithinASecond() {
        String email = "coherence-admin-" + UUID.randomUUID() + "@example.org";
        String id = accountsA.createUser(email, Role.ADMIN).id().toString();
        String token = accountsA.login(email, TestAccounts.PASSWORD);
        httpB.get(USERS + "?limit=1", token).assertStatus(200); // B caches this administrator's token check
        httpB.get(USERS + "?limit=1", token).assertStatus(200);

        httpA.delete(USERS + "/" + id + "/roles/ADMIN", admin).assertStatus(204);

        long waited = awaitOnB(() -> httpB.get(USERS + "?limit=1", token).status() == 401);
        assertThat(waited).as("ms until B refused the token of the former administrator").isLessThan(BOUND.toMillis());
        assertViewOnB(id, view -> !String.valueOf(view.get("roles")).contains("ADMIN"));
    }

    @Test
    void aChangeRightAfterTheListeningConnectionWasKilledIsStillSeenWithinASecond() {
        Session user = cachedOnB();
        killListeningConnectionOf(b);

        httpA.post(USERS + "/" + user.id + "/deactivate", admin).assertStatus(200);

        assertRefusedOnB(user);
        assertViewOnB(user.id, view -> "DEACTIVATED".equals(view.get("status")));
        awaitListening(b);
    }

    @Test
    void signupCountsCachedOnOneInstanceFollowAnImportAndAPurgeOnTheOther() {
        String email = "coherence-old-" + UUID.randomUUID() + "@example.org";
        String before = month(httpB.get(SIGNUPS_2024, admin).assertStatus(200).json()); // B caches the closed year

        String row = "email,createdAt\n" + email + ",2024-03-10T10:00:00Z\n";
        httpA.postChunked("/api/v1/users/import", "text/csv", row.getBytes(StandardCharsets.UTF_8), admin).assertStatus(200);
        long imported = awaitOnB(() -> !month(httpB.get(SIGNUPS_2024, admin).json()).equals(before));
        assertThat(imported).as("ms until B counted the user imported with a 2024 signup").isLessThan(BOUND.toMillis());
        assertThat(Long.parseLong(month(httpB.get(SIGNUPS_2024, admin).json()))).isEqualTo(Long.parseLong(before) + 1);

        String id = httpA.get(USERS + "?q=" + email, admin).assertStatus(200).body().replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
        httpA.delete(USERS + "/" + id + "?hard=true", admin).assertStatus(204);

        long purged = awaitOnB(() -> month(httpB.get(SIGNUPS_2024, admin).json()).equals(before));
        assertThat(purged).as("ms until B's cached count dropped the purged user").isLessThan(BOUND.toMillis());
    }

    private static String month(Map<String, Object> signups) {
        return String.valueOf(((Map<?, ?>) signups.get("months")).get("3"));
    }

    /** A new user whose token check and view B has cached. */
    private Session cachedOnB() {
        String email = "coherence-" + UUID.randomUUID() + "@example.org";
        String id = accountsA.createUser(email).id().toString();
        String token = accountsA.login(email, TestAccounts.PASSWORD);
        httpB.get(ME, token).assertStatus(200);
        httpB.get(ME, token).assertStatus(200);
        httpB.get(USERS + "/" + id, admin).assertStatus(200);
        return new Session(id, token);
    }

    private void assertRefusedOnB(Session user) {
        long waited = awaitOnB(() -> httpB.get(ME, user.token).status() == 401);
        assertThat(waited).as("ms until B refused the token").isLessThan(BOUND.toMillis());
    }

    private void assertViewOnB(String id, Predicate<Map<String, Object>> changed) {
        long waited = awaitOnB(() -> changed.test(httpB.get(USERS + "/" + id, admin).json()));
        assertThat(waited).as("ms until B showed the change").isLessThan(BOUND.toMillis());
    }

    /** Polls every 10 ms for up to 10 s (the bound is asserted by the caller); returns the milliseconds it took. */
    private static long awaitOnB(java.util.function.BooleanSupplier condition) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - start).as("still not seen after 10 s").isLessThan(Duration.ofSeconds(10).toNanos());
            sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static void awaitListening(EmbeddedServer instance) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (listeningBackends(instance) == 0) {
            assertThat(System.nanoTime()).as("the instance listens again within 10 s").isLessThan(deadline);
            sleep(20);
        }
    }

    private static long listeningBackends(EmbeddedServer instance) {
        return query(instance, "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + listenerName(instance) + "'");
    }

    private static void killListeningConnectionOf(EmbeddedServer instance) {
        long killed = query(instance, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '"
                + listenerName(instance) + "'");
        assertThat(killed).as("listening connections killed").isEqualTo(1);
    }

    private static String listenerName(EmbeddedServer instance) {
        return instance.getApplicationContext().getRequiredProperty("roster.events.listener-name", String.class);
    }

    @SuppressWarnings("unchecked")
    private static long query(EmbeddedServer instance, String sql) {
        ApplicationContext context = instance.getApplicationContext();
        JdbcOperations jdbc = context.getBean(JdbcOperations.class);
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, statement -> {
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Session(String id, String token) {
    }
}
