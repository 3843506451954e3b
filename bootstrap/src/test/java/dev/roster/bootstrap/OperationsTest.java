package dev.roster.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The operations endpoints: health, metrics, and the OpenAPI document with its UI; defaults operators rely on. */
@MicronautTest(transactional = false)
class OperationsTest {
    @Inject
    TestClient http;
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    AuditProperties audit;

    @Test
    void clientAddressesInTheAuditTrailAreKeptNinetyDaysByDefault() {
        assertThat(audit.clientAddressRetention()).isEqualTo(java.time.Duration.ofDays(90));
    }

    @Test
    void healthIsUpWhileTheDatabaseAnswers() {
        TestReply reply = http.get("/health").assertStatus(200);
        assertThat(reply.body()).contains("\"status\":\"UP\"").doesNotContain("jdbc:");
    }

    @Test
    void prometheusExposesMetricsInTextFormatToOperators() {
        database.clear();
        TestReply reply = http.get("/prometheus", accounts.adminToken()).assertStatus(200);
        assertThat(reply.body()).contains("# TYPE").contains("jvm_memory_used_bytes");
    }

    @Test
    void httpTimersHaveLatencyHistogramBucketsForPercentiles() {
        database.clear();
        String admin = accounts.adminToken();
        http.get("/api/v1/users", admin).assertStatus(200);

        String metrics = http.get("/prometheus", admin).assertStatus(200).body();

        assertThat(metrics).contains("# TYPE http_server_requests_seconds histogram")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*le=\"0\\.1[0-9]*\"")
                .contains("le=\"+Inf\"");
    }

    @Test
    void openApiDocumentDescribesTheUsersApi() {
        String document = http.get("/swagger/roster-v1.yml").assertStatus(200).body();
        assertThat(document).contains("openapi:").contains("/api/v1/users/{id}").contains("  /api/v1/users/by-email/{email}:");
    }

    @Test
    void swaggerUiIsServed() {
        TestReply reply = http.get("/swagger-ui/index.html").assertStatus(200);
        assertThat(reply.body()).containsIgnoringCase("swagger-ui");
    }
}
