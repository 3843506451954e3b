package dev.roster.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With a database that does not answer, the service still starts and answers quickly: /health reports DOWN with 503
 * and API calls get 503 service-unavailable problems (not 500s, not hanging requests).
 */
class DatabaseDownTest {
    private static EmbeddedServer server;
    private static HttpClient client;

    @BeforeAll
    static void startAgainstAnUnreachableDatabase() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:9/unreachable",
                "datasources.default.username", "nobody",
                "datasources.default.connection-timeout", "1000",
                "datasources.default.initialization-fail-timeout", "-1",
                "flyway.enabled", "false",
                "micronaut.server.port", "-1"), "test");
        client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void healthIsDownWith503() {
        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange("/health", String.class));
        assertThat(error.getStatus().getCode()).isEqualTo(503);
    }

    @Test
    void apiCallsGetServiceUnavailableProblems() {
        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.POST("/login", "{\"username\":\"ada@example.org\",\"password\":\"long enough password\"}")
                        .contentType(MediaType.APPLICATION_JSON), String.class));
        assertThat(error.getStatus().getCode()).isEqualTo(503);
        assertThat(error.getResponse().getContentType()).hasValueSatisfying(type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
        assertThat(error.getResponse().getBody(String.class)).hasValueSatisfying(body -> assertThat(body)
                .contains("/problems/service-unavailable").doesNotContain("Exception").doesNotContain("jdbc:"));
        assertThat(error.getResponse().getHeaders().get("Retry-After")).isEqualTo("5");
    }
}
