package dev.roster.bootstrap;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The operations endpoints: health, metrics, and the OpenAPI document with its UI. */
@MicronautTest(transactional = false)
class OperationsTest {
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;

    @Test
    void healthIsUpWhileTheDatabaseAnswers() {
        HttpResponse<String> response = client.toBlocking().exchange("/health", String.class);
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").doesNotContain("jdbc:");
    }

    @Test
    void prometheusExposesMetricsInTextFormatToOperators() {
        database.clear();
        HttpResponse<String> response = client.toBlocking().exchange(
                HttpRequest.GET("/prometheus").bearerAuth(accounts.adminToken()), String.class);
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body()).contains("# TYPE").contains("jvm_memory_used_bytes");
    }

    @Test
    void openApiDocumentDescribesTheUsersApi() {
        String document = client.toBlocking().retrieve("/swagger/roster-v1.yml");
        assertThat(document).contains("openapi:").contains("/api/v1/users/{id}").contains("  /api/v1/users/by-email/{email}:");
    }

    @Test
    void swaggerUiIsServed() {
        HttpResponse<String> response = client.toBlocking().exchange("/swagger-ui/index.html", String.class);
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body()).containsIgnoringCase("swagger-ui");
    }
}
