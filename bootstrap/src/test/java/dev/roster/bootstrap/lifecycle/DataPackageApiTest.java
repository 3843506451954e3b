package dev.roster.bootstrap.lifecycle;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.domain.user.Role;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Data packages (GDPR Art. 15/20) and self-service erasure over HTTP. */
@MicronautTest(transactional = false)
class DataPackageApiTest {
    private static final String USERS = "/api/v1/users";

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    JsonMapper json;

    private String admin;

    @BeforeEach
    void start() {
        database.clear();
        admin = accounts.adminToken();
    }

    @Test
    void containsTheProfileFilesAuditTrailPurposesAndRetention() {
        String token = accounts.tokenFor("ada@roster.test");
        String id = object(call(HttpRequest.GET("/api/v1/me"), token).body()).get("id").toString();
        call(HttpRequest.POST(USERS + "/" + id + "/files", Map.of("name", "cv.pdf", "sizeBytes", 10, "contentType", "application/pdf")), admin);

        Reply reply = call(HttpRequest.GET(USERS + "/" + id + "/export"), admin);

        assertThat(reply.status()).isEqualTo(200);
        Map<String, Object> data = object(reply.body());
        assertThat(((Map<?, ?>) data.get("profile")).get("email")).isEqualTo("ada@roster.test");
        assertThat((List<?>) data.get("files")).hasSize(1);
        assertThat((List<?>) data.get("auditEvents")).extracting(event -> (Object) ((Map<?, ?>) event).get("action"))
                .contains("user.created", "login.succeeded", "user.file-added");
        assertThat((List<?>) data.get("purposes")).extracting(purpose -> (Object) ((Map<?, ?>) purpose).get("field"))
                .containsExactly("email", "displayName", "phone", "attributes", "passwordHash");
        assertThat(data.get("retention").toString()).contains("30 days");
        assertThat(reply.body()).doesNotContain("$argon2").doesNotContain("passwordHash\":\"");
    }

    @Test
    void showsOtherActorsOnlyByIdWithoutTheirAddress() {
        String id = accounts.createUser("ada@roster.test").id().toString();
        call(HttpRequest.PUT(USERS + "/" + id + "/roles/AUDITOR", ""), admin);

        Map<String, Object> data = object(call(HttpRequest.GET(USERS + "/" + id + "/export"), admin).body());

        assertThat((List<?>) data.get("auditEvents")).allSatisfy(event -> assertThat(((Map<?, ?>) event).get("clientAddress")).isNull());
    }

    @Test
    void aUserGetsItsOwnPackageAndTheExportIsAudited() {
        String token = accounts.tokenFor("ada@roster.test");

        Reply reply = call(HttpRequest.GET("/api/v1/me/export"), token);

        assertThat(reply.status()).isEqualTo(200);
        String id = ((Map<?, ?>) object(reply.body()).get("profile")).get("id").toString();
        assertThat(call(HttpRequest.GET("/api/v1/audit-events?action=user.data-exported&userId=" + id), admin).body())
                .contains("user.data-exported");
        assertThat(call(HttpRequest.GET(USERS + "/" + id + "/export"), token).status()).isEqualTo(403);
    }

    @Test
    void aUserErasesItsOwnAccountAfterConfirmingItsPassword() {
        String token = accounts.tokenFor("ada@roster.test");
        String id = object(call(HttpRequest.GET("/api/v1/me"), token).body()).get("id").toString();

        assertThat(call(HttpRequest.POST("/api/v1/me/erasure", Map.of("currentPassword", "not my password at all")), token).status())
                .isEqualTo(400);
        assertThat(call(HttpRequest.POST("/api/v1/me/erasure", Map.of()), token).status()).isEqualTo(400);
        Reply erased = call(HttpRequest.POST("/api/v1/me/erasure", Map.of("currentPassword", TestAccounts.PASSWORD)), token);

        assertThat(erased.status()).isEqualTo(200);
        assertThat(object(erased.body()).get("userId")).isEqualTo(id);
        assertThat(call(HttpRequest.GET("/api/v1/me"), token).status()).isEqualTo(401);
        assertThat(object(call(HttpRequest.GET(USERS + "/" + id), admin).body()).get("status")).isEqualTo("ANONYMIZED");
    }

    private record Reply(int status, String body) {
    }

    private Reply call(MutableHttpRequest<?> request, String token) {
        try {
            if (token != null) {
                request.bearerAuth(token);
            }
            HttpResponse<String> response = client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
            return new Reply(response.code(), response.getBody().orElse(""));
        } catch (HttpClientResponseException e) {
            return new Reply(e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""));
        }
    }

    private Map<String, Object> object(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
