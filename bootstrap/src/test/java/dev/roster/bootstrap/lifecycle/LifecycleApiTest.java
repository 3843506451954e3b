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

/** Soft delete and restore over HTTP, with the guards and the token consequences. */
@MicronautTest(transactional = false)
class LifecycleApiTest {
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

    @Nested
    class SoftDelete {
        @Test
        void deletesHidesFromDefaultListsAndIsIdempotent() {
            String id = accounts.createUser("ada@roster.test").id().toString();

            assertThat(http.send(HttpRequest.DELETE(USERS + "/" + id), admin).status()).isEqualTo(204);
            assertThat(http.send(HttpRequest.DELETE(USERS + "/" + id), admin).status()).isEqualTo(204);

            assertThat(user(id).get("status")).isEqualTo("DELETED");
            assertThat(user(id).get("deletedAt")).isNotNull();
            assertThat(emails(USERS)).doesNotContain("ada@roster.test");
            assertThat(emails(USERS + "?status=DELETED")).containsExactly("ada@roster.test");
            assertThat(auditActions(id)).containsExactly("user.created", "user.deleted");
        }

        @Test
        void aDeletedUsersTokenStopsWorkingAndItCannotLogIn() {
            String token = accounts.tokenFor("ada@roster.test");
            String id = http.send(HttpRequest.GET("/api/v1/me"), token).json().get("id").toString();

            http.send(HttpRequest.DELETE(USERS + "/" + id), admin);

            http.send(HttpRequest.GET("/api/v1/me"), token).assertUnauthorized();
            http.send(HttpRequest.POST("/login", Map.of("username", "ada@roster.test", "password", TestAccounts.PASSWORD)), null)
                    .assertUnauthorized();
        }

        @Test
        void theLastActiveAdministratorCannotBeDeleted() {
            String adminId = http.send(HttpRequest.GET("/api/v1/me"), admin).json().get("id").toString();

            TestReply reply = http.send(HttpRequest.DELETE(USERS + "/" + adminId), admin);

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.body()).contains("/problems/last-admin");
            assertThat(user(adminId).get("status")).isEqualTo("ACTIVE");
        }

        @Test
        void anotherAdministratorCanBeDeletedWhileOneRemains() {
            String other = accounts.createUser("second-admin@roster.test", Role.ADMIN).id().toString();

            assertThat(http.send(HttpRequest.DELETE(USERS + "/" + other), admin).status()).isEqualTo(204);
        }

        @Test
        void unknownAndMalformedIdsAreProblems() {
            http.send(HttpRequest.DELETE(USERS + "/01a20000-0000-7000-8000-000000000000"), admin).assertNotFound();
            http.send(HttpRequest.DELETE(USERS + "/nope"), admin).assertValidationFailed("id");
        }

        @Test
        void onlyAdministratorsMayDelete() {
            String id = accounts.createUser("ada@roster.test").id().toString();
            String auditor = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);

            http.send(HttpRequest.DELETE(USERS + "/" + id), auditor).assertForbidden();
            http.send(HttpRequest.DELETE(USERS + "/" + id), null).assertUnauthorized();
            assertThat(user(id).get("status")).isEqualTo("ACTIVE");
        }
    }

    @Nested
    class Restore {
        @Test
        void returnsAnActiveUserToActive() {
            String id = accounts.createUser("ada@roster.test").id().toString();
            http.send(HttpRequest.DELETE(USERS + "/" + id), admin);

            TestReply reply = http.send(HttpRequest.POST(USERS + "/" + id + "/restore", ""), admin);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("status")).isEqualTo("ACTIVE");
            assertThat(reply.json().get("deletedAt")).isNull();
            assertThat(auditActions(id)).containsExactly("user.created", "user.deleted", "user.restored");
        }

        @Test
        void returnsADeactivatedUserToDeactivated() {
            String id = accounts.createUser("ada@roster.test").id().toString();
            http.send(HttpRequest.POST(USERS + "/" + id + "/deactivate", ""), admin);
            http.send(HttpRequest.DELETE(USERS + "/" + id), admin);

            TestReply reply = http.send(HttpRequest.POST(USERS + "/" + id + "/restore", ""), admin);

            assertThat(reply.json().get("status")).isEqualTo("DEACTIVATED");
        }

        @Test
        void refusesAUserThatIsNotDeleted() {
            String id = accounts.createUser("ada@roster.test").id().toString();

            TestReply reply = http.send(HttpRequest.POST(USERS + "/" + id + "/restore", ""), admin);

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.body()).contains("/problems/invalid-state");
        }
    }


    private Map<String, Object> user(String id) {
        return http.send(HttpRequest.GET(USERS + "/" + id), admin).json();
    }

    @SuppressWarnings("unchecked")
    private List<String> emails(String path) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) http.send(HttpRequest.GET(path), admin).json().get("items");
        return items.stream().map(item -> item.get("email").toString()).filter(email -> !email.equals(TestAccounts.ADMIN_EMAIL)).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> auditActions(String id) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) http.send(HttpRequest.GET("/api/v1/audit-events?userId=" + id), admin).json().get("items");
        return items.stream().map(item -> item.get("action").toString()).toList();
    }

}
