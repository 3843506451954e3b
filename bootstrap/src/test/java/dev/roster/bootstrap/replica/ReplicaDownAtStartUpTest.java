package dev.roster.bootstrap.replica;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read replica that does not answer when Roster starts neither stops the start nor makes /health DOWN: lists,
 * counts and statistics are served by the primary, and the metrics say so. Runs on H2 and PostgreSQL alike (the
 * replica is a PostgreSQL URL where nothing listens).
 */
class ReplicaDownAtStartUpTest {
    private static EmbeddedServer server;
    private static TestClient http;
    private static String adminToken;

    @BeforeAll
    static void startWithADeadReplica() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.replica.url", "jdbc:postgresql://127.0.0.1:9/no-replica-here",
                "datasources.replica.username", "nobody",
                "roster.replica.connection-timeout", "500ms",
                "roster.replica.probe-interval", "200ms"), "test");
        server.getApplicationContext().getBean(TestDatabase.class).clear();
        http = server.getApplicationContext().getBean(TestClient.class);
        adminToken = server.getApplicationContext().getBean(TestAccounts.class).adminToken();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void readsMeantForTheReplicaAreServedByThePrimary() {
        MeterRegistry metrics = server.getApplicationContext().getBean(MeterRegistry.class);
        double before = metrics.find("roster.replica.fallbacks").counters().stream().mapToDouble(Counter::count).sum();
        http.createUser("{\"email\":\"served-by-the-primary@example.org\"}", adminToken);

        assertThat(http.get(TestClient.USERS + "?q=served-by", adminToken).assertStatus(200).emails())
                .containsExactly("served-by-the-primary@example.org");
        assertThat(http.get(TestClient.USERS + "/count?q=served-by", adminToken).assertStatus(200).countValue()).isEqualTo(1);
        http.get("/api/v1/stats/users", adminToken).assertStatus(200);

        assertThat(metrics.find("roster.replica.fallbacks").counters().stream().mapToDouble(Counter::count).sum())
                .isGreaterThanOrEqualTo(before + 4); // count by status and by role are two reads
        assertThat(metrics.find("roster.replica.up").gauge().value()).isZero();
        assertThat(metrics.find("roster.replica.reads").counter().count()).isZero();
    }

    @Test
    void healthStaysUpAndShowsTheReplicaUnavailable() throws InterruptedException {
        MeterRegistry metrics = server.getApplicationContext().getBean(MeterRegistry.class);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (metrics.find("roster.replica.up").gauge().value() != 0.0) { // the probe's first answer
            assertThat(System.nanoTime()).as("the replica is reported down within 15 s").isLessThan(deadline);
            Thread.sleep(50);
        }

        assertThat(http.get("/health").assertStatus(200).json()).containsEntry("status", "UP");
        assertThat(http.get("/health", adminToken).assertStatus(200).json().get("details").toString())
                .contains("readReplica").contains("available=false");
    }
}
