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

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Owned files and hard delete (purge) over HTTP: the no-resources rule, cascade, guards. */
@MicronautTest(transactional = false)
class FilesAndPurgeApiTest {
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

    private String addFile(String id) {
        TestReply reply = http.send(HttpRequest.POST(USERS + "/" + id + "/files",
                Map.of("name", "contract.pdf", "sizeBytes", 1234, "contentType", "application/pdf")), admin);
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().get("id").toString();
    }

    @Nested
    class Files {
        @Test
        void areAddedListedAndRemoved() {
            String id = accounts.createUser("ada@roster.test").id().toString();
            String file = addFile(id);

            assertThat(http.send(HttpRequest.GET(USERS + "/" + id + "/files"), admin).body()).contains(file).contains("contract.pdf");
            assertThat(http.send(HttpRequest.DELETE(USERS + "/" + id + "/files/" + file), admin).status()).isEqualTo(204);
            http.send(HttpRequest.DELETE(USERS + "/" + id + "/files/" + file), admin).assertNotFound();
            assertThat(http.send(HttpRequest.GET(USERS + "/" + id + "/files"), admin).body()).doesNotContain(file);
        }

        @Test
        void aUserWithoutFilesHasAnEmptyListOfItems() {
            String id = accounts.createUser("ada@roster.test").id().toString();

            TestReply reply = http.send(HttpRequest.GET(USERS + "/" + id + "/files"), admin);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("{\"items\":[]}");
        }

        @Test
        void badMetadataIsAValidationProblem() {
            String id = accounts.createUser("ada@roster.test").id().toString();

            TestReply reply = http.send(HttpRequest.POST(USERS + "/" + id + "/files",
                    Map.of("name", "../etc/passwd", "sizeBytes", 1, "contentType", "application/pdf")), admin);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).contains("/problems/validation-failed").contains("\"name\"");
            reply.assertValidationFailed("name");
        }

        @Test
        void auditorsMayListButNotChange() {
            String id = accounts.createUser("ada@roster.test").id().toString();
            String auditor = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);

            assertThat(http.send(HttpRequest.GET(USERS + "/" + id + "/files"), auditor).status()).isEqualTo(200);
            http.send(HttpRequest.POST(USERS + "/" + id + "/files",
                    Map.of("name", "x.pdf", "sizeBytes", 1, "contentType", "application/pdf")), auditor).assertForbidden();
        }

        @Test
        void unknownUsersAndFilesAreNotFound() {
            http.send(HttpRequest.GET(USERS + "/01a20000-0000-7000-8000-000000000000/files"), admin).assertNotFound();
            String id = accounts.createUser("ada@roster.test").id().toString();
            http.send(HttpRequest.DELETE(USERS + "/" + id + "/files/01a20000-0000-7000-8000-000000000000"), admin).assertNotFound();
            http.send(HttpRequest.DELETE(USERS + "/" + id + "/files/nope"), admin).assertValidationFailed("fileId");
        }
    }

    @Nested
    class Purge {
        @Test
        void isRefusedWhileTheUserOwnsFilesAndNamesWhatIsOwned() {
            String id = accounts.createUser("ada@roster.test").id().toString();
            addFile(id);
            addFile(id);

            TestReply reply = http.send(HttpRequest.DELETE(USERS + "/" + id + "?hard=true"), admin);

            assertThat(reply.status()).isEqualTo(409);
            Map<String, Object> problem = reply.json();
            assertThat(problem.get("type")).isEqualTo("/problems/user-has-resources");
            assertThat(problem.get("resources")).isEqualTo(Map.of("files", 2));
            assertThat(problem.get("detail").toString()).contains("2 file");
            assertThat(http.send(HttpRequest.GET(USERS + "/" + id), admin).status()).isEqualTo(200);
        }

        @Test
        void withCascadeRemovesFilesAndUserTogether() {
            String id = accounts.createUser("ada@roster.test").id().toString();
            addFile(id);

            assertThat(http.send(HttpRequest.DELETE(USERS + "/" + id + "?hard=true&cascade=true"), admin).status()).isEqualTo(204);

            http.send(HttpRequest.GET(USERS + "/" + id), admin).assertNotFound();
            http.send(HttpRequest.GET(USERS + "/" + id + "/files"), admin).assertNotFound();
            assertThat(http.send(HttpRequest.GET("/api/v1/audit-events?action=user.purged&userId=" + id), admin).body())
                    .contains("\"files\":\"1\"");
        }

        @Test
        void removesAUserWithoutResourcesAndKillsItsToken() {
            String token = accounts.tokenFor("ada@roster.test");
            String id = http.send(HttpRequest.GET("/api/v1/me"), token).json().get("id").toString();

            assertThat(http.send(HttpRequest.DELETE(USERS + "/" + id + "?hard=true"), admin).status()).isEqualTo(204);

            http.send(HttpRequest.GET("/api/v1/me"), token).assertUnauthorized();
        }

        @Test
        void theLastActiveAdministratorCannotBePurged() {
            String adminId = http.send(HttpRequest.GET("/api/v1/me"), admin).json().get("id").toString();

            TestReply reply = http.send(HttpRequest.DELETE(USERS + "/" + adminId + "?hard=true&cascade=true"), admin);

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.body()).contains("/problems/last-admin");
        }

        @Test
        void cascadeWithoutHardAndNonBooleanFlagsAreRejected() {
            String id = accounts.createUser("ada@roster.test").id().toString();

            http.send(HttpRequest.DELETE(USERS + "/" + id + "?cascade=true"), admin).assertValidationFailed("cascade");
            http.send(HttpRequest.DELETE(USERS + "/" + id + "?hard=yes"), admin).assertValidationFailed("hard");
            assertThat(http.send(HttpRequest.GET(USERS + "/" + id), admin).status()).isEqualTo(200);
        }
    }


}
