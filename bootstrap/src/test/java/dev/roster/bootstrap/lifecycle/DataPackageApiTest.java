package dev.roster.bootstrap.lifecycle;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.domain.user.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Data packages (GDPR Art. 15/20) and self-service erasure over HTTP. */
@MicronautTest(transactional = false)
class DataPackageApiTest {
    private static final String USERS = "/api/v1/users";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient http;

    private String admin;

    @BeforeEach
    void start() {
        database.clear();
        admin = accounts.adminToken();
    }

    @Test
    void containsTheProfileFilesAuditTrailPurposesAndRetention() {
        String token = accounts.tokenFor("ada@roster.test");
        String id = http.send(HttpRequest.GET("/api/v1/me"), token).json().get("id").toString();
        http.send(HttpRequest.POST(USERS + "/" + id + "/files", Map.of("name", "cv.pdf", "sizeBytes", 10, "contentType", "application/pdf")), admin);

        TestReply reply = http.send(HttpRequest.GET(USERS + "/" + id + "/export"), admin);

        assertThat(reply.status()).isEqualTo(200);
        Map<String, Object> data = reply.json();
        assertThat(((Map<?, ?>) data.get("profile")).get("email")).isEqualTo("ada@roster.test");
        assertThat((List<?>) data.get("files")).hasSize(1);
        assertThat((List<?>) data.get("auditEvents")).extracting(event -> (Object) ((Map<?, ?>) event).get("action"))
                .contains("user.created", "login.succeeded", "user.file-added");
        assertThat((List<?>) data.get("purposes")).extracting(purpose -> (Object) ((Map<?, ?>) purpose).get("field"))
                .containsExactly("email", "displayName", "phone", "attributes", "passwordHash");
        assertThat(data.get("retention").toString()).contains("30 days")
                .as("the client addresses in the audit trail and how long they are kept (ADR 0022)")
                .contains("client (IP) address").contains("90 days");
        assertThat(reply.body()).doesNotContain("$argon2").doesNotContain("passwordHash\":\"");
    }

    @Test
    void showsOtherActorsOnlyByIdWithoutTheirAddress() {
        String id = accounts.createUser("ada@roster.test").id().toString();
        http.send(HttpRequest.PUT(USERS + "/" + id + "/roles/AUDITOR", ""), admin);

        Map<String, Object> data = http.send(HttpRequest.GET(USERS + "/" + id + "/export"), admin).json();

        assertThat((List<?>) data.get("auditEvents")).allSatisfy(event -> assertThat(((Map<?, ?>) event).get("clientAddress")).isNull());
    }

    @Test
    void aUserGetsItsOwnPackageAndTheExportIsAudited() {
        String token = accounts.tokenFor("ada@roster.test");

        TestReply reply = http.send(HttpRequest.GET("/api/v1/me/export"), token);

        assertThat(reply.status()).isEqualTo(200);
        String id = ((Map<?, ?>) reply.json().get("profile")).get("id").toString();
        assertThat(http.send(HttpRequest.GET("/api/v1/audit-events?action=user.data-exported&userId=" + id), admin).body())
                .contains("user.data-exported");
        http.send(HttpRequest.GET(USERS + "/" + id + "/export"), token).assertForbidden();
    }

    @Test
    void aUserErasesItsOwnAccountAfterConfirmingItsPassword() {
        String token = accounts.tokenFor("ada@roster.test");
        String id = http.send(HttpRequest.GET("/api/v1/me"), token).json().get("id").toString();

        http.send(HttpRequest.POST("/api/v1/me/erasure", Map.of("currentPassword", "not my password at all")), token)
                .assertValidationFailed("currentPassword");
        http.send(HttpRequest.POST("/api/v1/me/erasure", Map.of()), token).assertValidationFailed("currentPassword");
        TestReply erased = http.send(HttpRequest.POST("/api/v1/me/erasure", Map.of("currentPassword", TestAccounts.PASSWORD)), token);

        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("userId")).isEqualTo(id);
        http.send(HttpRequest.GET("/api/v1/me"), token).assertUnauthorized();
        assertThat(http.send(HttpRequest.GET(USERS + "/" + id), admin).json().get("status")).isEqualTo("ANONYMIZED");
    }


}
