package dev.roster.bootstrap.replica;

import dev.roster.application.model.users.PageCursor;
import dev.roster.application.model.users.UserFilter;
import dev.roster.application.model.users.UserSort;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.out.users.UserQueries;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.domain.user.UserId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.flyway.FlywayConfigurationProperties;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Read replicas (SPEC §7, ADR 0024) against a second PostgreSQL database that stands in for the replica
 * ({@link ReplicaDatabase}): it does not replicate, so a user written only there shows where each read went. Lists,
 * counts, statistics and exports read the replica; reads by id, token checks and reads inside a primary transaction
 * read the primary; a replica that stops answering is replaced by the primary (counted) until it is back, and /health
 * stays UP. PostgreSQL only: H2 is single-instance.
 */
class ReadReplicaTest {
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private static ReplicaDatabase replica;
    private static EmbeddedServer server;
    private static TestClient http;
    private static MeterRegistry metrics;
    private static String adminToken;
    private static UserView onReplicaOnly;

    @BeforeAll
    static void startWithAReplica() {
        try (ApplicationContext probe = ApplicationContext.run("test")) {
            assumeTrue("PostgreSQL".equals(probe.getBean(TestDatabase.class).productName()), "read replicas need PostgreSQL");
            replica = ReplicaDatabase.recreatedFor(probe);
        }
        onReplicaOnly = replica.createUserOnReplicaOnly("only-on-the-replica@example.org");
        Map<String, Object> settings = new HashMap<>(replica.replicaSettings());
        settings.put("roster.replica.probe-interval", "200ms");
        settings.put("roster.replica.connection-timeout", "500ms");
        server = ApplicationContext.run(EmbeddedServer.class, settings, "test");
        server.getApplicationContext().getBean(TestDatabase.class).clear();
        http = server.getApplicationContext().getBean(TestClient.class);
        metrics = server.getApplicationContext().getBean(MeterRegistry.class);
        adminToken = server.getApplicationContext().getBean(TestAccounts.class).adminToken();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (replica != null) {
            replica.start();
            replica.drop();
        }
    }

    @BeforeEach
    void replicaAnswers() throws InterruptedException {
        waitUntil(() -> gauge("roster.replica.up") == 1.0, "the replica is up");
    }

    @Test
    void listsCountsStatisticsAndExportsReadTheReplicaWhileReadsByIdReadThePrimary() {
        String onPrimary = http.createUser("{\"email\":\"on-the-primary@example.org\"}", adminToken);
        double served = counter("roster.replica.reads");

        assertThat(http.get(TestClient.USERS + "?q=example.org", adminToken).assertStatus(200).emails())
                .containsExactly("only-on-the-replica@example.org");
        assertThat(http.get(TestClient.USERS + "/count?q=example.org", adminToken).assertStatus(200).countValue()).isEqualTo(1);
        assertThat(http.get("/api/v1/stats/users", adminToken).assertStatus(200).json()).containsEntry("total", 1);
        assertThat(http.get("/api/v1/users/export?format=ndjson&fields=email", adminToken).assertStatus(200).body())
                .isEqualTo("{\"email\":\"only-on-the-replica@example.org\"}\n");
        assertThat(counter("roster.replica.reads")).isGreaterThanOrEqualTo(served + 4);

        http.get(TestClient.USERS + "/" + onReplicaOnly.id(), adminToken).assertStatus(404);
        assertThat(http.get(TestClient.USERS + "/" + onPrimary, adminToken).assertStatus(200).json())
                .containsEntry("email", "on-the-primary@example.org");
        // the token check reads the primary: the administrator exists there only
        http.get("/api/v1/me", adminToken).assertStatus(200);
    }

    @Test
    void aReadInsideATransactionOfThePrimaryReadsThePrimary() {
        http.createUser("{\"email\":\"inside-a-transaction@example.org\"}", adminToken);
        UserQueries queries = server.getApplicationContext().getBean(UserQueries.class);
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> primary = server.getApplicationContext().getBean(TransactionOperations.class);
        UserFilter filter = UserFilter.defaults().withText("example.org");

        List<String> inside = primary.executeRead(status -> emails(queries.list(filter, UserSort.EMAIL_ASC, Optional.empty(), 0, 10)));
        List<String> outside = emails(queries.list(filter, UserSort.EMAIL_ASC, Optional.empty(), 0, 10));

        assertThat(inside).contains("inside-a-transaction@example.org").doesNotContain("only-on-the-replica@example.org");
        assertThat(outside).containsExactly("only-on-the-replica@example.org");
    }

    @Test
    void aCursorNamingAUserTheReplicaDoesNotHaveYetIsServedByThePrimary() {
        String onPrimary = http.createUser("{\"email\":\"cursor-anchor@example.org\"}", adminToken);
        String cursor = new PageCursor(UserSort.CREATED_AT_ASC, new UserId(UUID.fromString(onPrimary))).encode();
        double behind = counter("roster.replica.fallbacks", "behind");

        http.get(TestClient.USERS + "?cursor=" + cursor, adminToken).assertStatus(200);

        assertThat(counter("roster.replica.fallbacks", "behind")).isEqualTo(behind + 1);
    }

    @Test
    void aReplicaThatStopsAnsweringIsReplacedByThePrimaryUntilItIsBack() throws InterruptedException {
        http.createUser("{\"email\":\"while-the-replica-is-away@example.org\"}", adminToken);
        double unavailable = counter("roster.replica.fallbacks", "unavailable");
        try {
            replica.stop();

            for (int i = 0; i < 3; i++) {
                assertThat(http.get(TestClient.USERS + "?q=example.org", adminToken).assertStatus(200).emails())
                        .contains("while-the-replica-is-away@example.org").doesNotContain("only-on-the-replica@example.org");
            }
            assertThat(counter("roster.replica.fallbacks", "unavailable")).isGreaterThanOrEqualTo(unavailable + 3);
            waitUntil(() -> gauge("roster.replica.up") == 0.0, "the replica is reported down");
            TestReply health = http.get("/health").assertStatus(200);
            assertThat(health.json()).containsEntry("status", "UP");
            assertThat(http.get("/prometheus", adminToken).assertStatus(200).body())
                    .contains("roster_replica_up 0.0").contains("roster_replica_fallbacks_total{reason=\"unavailable\"}");
        } finally {
            replica.start();
        }

        waitUntil(() -> gauge("roster.replica.up") == 1.0, "the replica is reported up again");
        assertThat(http.get(TestClient.USERS + "?q=example.org", adminToken).assertStatus(200).emails())
                .containsExactly("only-on-the-replica@example.org");
    }

    @Test
    void healthShowsTheReplicaAsADetailForOperators() {
        Map<String, Object> health = http.get("/health", adminToken).assertStatus(200).json();

        assertThat(health).containsEntry("status", "UP");
        assertThat(health.get("details").toString()).contains("readReplica").contains("available=true");
    }

    @Test
    void flywayNeverRunsOnTheReplica() {
        assertThat(server.getApplicationContext().findBean(FlywayConfigurationProperties.class, Qualifiers.byName("replica"))).isEmpty();
    }

    private static List<String> emails(List<UserView> users) {
        return users.stream().map(UserView::email).toList();
    }

    private static double counter(String name) {
        return metrics.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static double counter(String name, String reason) {
        return metrics.find(name).tag("reason", reason).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static double gauge(String name) {
        Gauge gauge = metrics.find(name).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("within %s: %s", DEADLINE, what).isTrue();
            Thread.sleep(50);
        }
    }
}
