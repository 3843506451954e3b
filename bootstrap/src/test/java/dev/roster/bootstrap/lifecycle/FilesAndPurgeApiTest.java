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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Owned files and hard delete (purge) over HTTP: the no-resources rule, cascade, guards. */
@MicronautTest(transactional = false)
class FilesAndPurgeApiTest {
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

    private String addFile(String id) {
        Reply reply = call(HttpRequest.POST(USERS + "/" + id + "/files",
                Map.of("name", "contract.pdf", "sizeBytes", 1234, "contentType", "application/pdf")), admin);
        assertThat(reply.status()).isEqualTo(201);
        return object(reply.body()).get("id").toString();
    }

    @Nested
    class Files {
        @Test
        void areAddedListedAndRemoved() {
            String id = accounts.createUser("ada@roster.test").id().toString();
            String file = addFile(id);

            assertThat(call(HttpRequest.GET(USERS + "/" + id + "/files"), admin).body()).contains(file).contains("contract.pdf");
            assertThat(call(HttpRequest.DELETE(USERS + "/" + id + "/files/" + file), admin).status()).isEqualTo(204);
            assertThat(call(HttpRequest.DELETE(USERS + "/" + id + "/files/" + file), admin).status()).isEqualTo(404);
            assertThat(call(HttpRequest.GET(USERS + "/" + id + "/files"), admin).body()).doesNotContain(file);
        }

        @Test
        void badMetadataIsAValidationProblem() {
            String id = accounts.createUser("ada@roster.test").id().toString();

            Reply reply = call(HttpRequest.POST(USERS + "/" + id + "/files",
                    Map.of("name", "../etc/passwd", "sizeBytes", 1, "contentType", "application/pdf")), admin);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).contains("/problems/validation-failed").contains("\"name\"");
        }

        @Test
        void auditorsMayListButNotChange() {
            String id = accounts.createUser("ada@roster.test").id().toString();
            String auditor = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);

            assertThat(call(HttpRequest.GET(USERS + "/" + id + "/files"), auditor).status()).isEqualTo(200);
            assertThat(call(HttpRequest.POST(USERS + "/" + id + "/files",
                    Map.of("name", "x.pdf", "sizeBytes", 1, "contentType", "application/pdf")), auditor).status()).isEqualTo(403);
        }

        @Test
        void unknownUsersAndFilesAreNotFound() {
            assertThat(call(HttpRequest.GET(USERS + "/01a20000-0000-7000-8000-000000000000/files"), admin).status()).isEqualTo(404);
            String id = accounts.createUser("ada@roster.test").id().toString();
            assertThat(call(HttpRequest.DELETE(USERS + "/" + id + "/files/01a20000-0000-7000-8000-000000000000"), admin).status()).isEqualTo(404);
            assertThat(call(HttpRequest.DELETE(USERS + "/" + id + "/files/nope"), admin).status()).isEqualTo(400);
        }
    }

    @Nested
    class Purge {
        @Test
        void isRefusedWhileTheUserOwnsFilesAndNamesWhatIsOwned() {
            String id = accounts.createUser("ada@roster.test").id().toString();
            addFile(id);
            addFile(id);

            Reply reply = call(HttpRequest.DELETE(USERS + "/" + id + "?hard=true"), admin);

            assertThat(reply.status()).isEqualTo(409);
            Map<String, Object> problem = object(reply.body());
            assertThat(problem.get("type")).isEqualTo("/problems/user-has-resources");
            assertThat(problem.get("resources")).isEqualTo(Map.of("files", 2));
            assertThat(problem.get("detail").toString()).contains("2 file");
            assertThat(call(HttpRequest.GET(USERS + "/" + id), admin).status()).isEqualTo(200);
        }

        @Test
        void withCascadeRemovesFilesAndUserTogether() {
            String id = accounts.createUser("ada@roster.test").id().toString();
            addFile(id);

            assertThat(call(HttpRequest.DELETE(USERS + "/" + id + "?hard=true&cascade=true"), admin).status()).isEqualTo(204);

            assertThat(call(HttpRequest.GET(USERS + "/" + id), admin).status()).isEqualTo(404);
            assertThat(call(HttpRequest.GET(USERS + "/" + id + "/files"), admin).status()).isEqualTo(404);
            assertThat(call(HttpRequest.GET("/api/v1/audit-events?action=user.purged&userId=" + id), admin).body())
                    .contains("\"files\":\"1\"");
        }

        @Test
        void removesAUserWithoutResourcesAndKillsItsToken() {
            String token = accounts.tokenFor("ada@roster.test");
            String id = object(call(HttpRequest.GET("/api/v1/me"), token).body()).get("id").toString();

            assertThat(call(HttpRequest.DELETE(USERS + "/" + id + "?hard=true"), admin).status()).isEqualTo(204);

            assertThat(call(HttpRequest.GET("/api/v1/me"), token).status()).isEqualTo(401);
        }

        @Test
        void theLastActiveAdministratorCannotBePurged() {
            String adminId = object(call(HttpRequest.GET("/api/v1/me"), admin).body()).get("id").toString();

            Reply reply = call(HttpRequest.DELETE(USERS + "/" + adminId + "?hard=true&cascade=true"), admin);

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.body()).contains("/problems/last-admin");
        }

        @Test
        void cascadeWithoutHardAndNonBooleanFlagsAreRejected() {
            String id = accounts.createUser("ada@roster.test").id().toString();

            assertThat(call(HttpRequest.DELETE(USERS + "/" + id + "?cascade=true"), admin).status()).isEqualTo(400);
            assertThat(call(HttpRequest.DELETE(USERS + "/" + id + "?hard=yes"), admin).status()).isEqualTo(400);
            assertThat(call(HttpRequest.GET(USERS + "/" + id), admin).status()).isEqualTo(200);
        }
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
