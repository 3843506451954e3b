package dev.roster.bootstrap.security;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ApiIndexTest {
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient http;

    @BeforeEach
    void clear() {
        database.clear();
    }

    @Test
    void anyAuthenticatedCallerGetsTheLinksToTheResources() {
        TestReply reply = http.send(HttpRequest.GET("/api/v1"), accounts.tokenFor("plain-user@roster.test"));

        assertThat(reply.status()).isEqualTo(200);
        Map<String, Object> index = reply.json();
        assertThat(index).containsEntry("version", "v1");
        assertThat(index.get("links")).isEqualTo(Map.ofEntries(Map.entry("users", "/api/v1/users"), Map.entry("me", "/api/v1/me"),
                Map.entry("export", "/api/v1/users/export"), Map.entry("import", "/api/v1/users/import"),
                Map.entry("statistics", "/api/v1/stats/users"), Map.entry("auditEvents", "/api/v1/audit-events"),
                Map.entry("events", "/api/v1/events"), Map.entry("serviceAccounts", "/api/v1/service-accounts"),
                Map.entry("webhooks", "/api/v1/webhooks"), Map.entry("privacyRequests", "/api/v1/privacy-requests"),
                Map.entry("erasureRecipients", "/api/v1/erasure-recipients"),
                Map.entry("openapi", "/swagger/roster-v1.yml")));
    }

    @Test
    void aCallerWithoutATokenGets401() {
        http.send(HttpRequest.GET("/api/v1"), null).assertUnauthorized();
    }
}
