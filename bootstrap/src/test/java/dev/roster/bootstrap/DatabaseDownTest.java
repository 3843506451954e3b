package dev.roster.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a database that does not answer, the service still starts and answers quickly: /health reports DOWN with 503
 * and API calls get 503 service-unavailable problems (not 500s, not hanging requests).
 */
class DatabaseDownTest {
    private static EmbeddedServer server;
    private static TestClient http;

    @BeforeAll
    static void startAgainstAnUnreachableDatabase() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:9/unreachable",
                "datasources.default.username", "nobody",
                "datasources.default.connection-timeout", "1000",
                "datasources.default.initialization-fail-timeout", "-1",
                "flyway.enabled", "false",
                "micronaut.server.port", "-1"), "test");
        http = server.getApplicationContext().getBean(TestClient.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthIsDownWith503() {
        TestReply reply = http.get("/health").assertStatus(503);
        assertThat(reply.json()).containsEntry("status", "DOWN");
    }

    @Test
    void apiCallsGetServiceUnavailableProblems() {
        TestReply reply = http.postJson("/login", "{\"username\":\"ada@example.org\",\"password\":\"long enough password\"}");
        reply.assertProblem(503, "service-unavailable");
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("jdbc:");
        assertThat(reply.header("Retry-After")).isEqualTo("5");
    }

    @Test
    void aServiceAccountsKeyGetsServiceUnavailableToo() {
        String key = dev.roster.application.model.accounts.ApiKey.generate(new java.util.Random(1)).value();

        TestReply reply = http.get("/api/v1/users", key);

        reply.assertProblem(503, "service-unavailable");
        assertThat(reply.header("Retry-After")).isEqualTo("5");
    }
}
