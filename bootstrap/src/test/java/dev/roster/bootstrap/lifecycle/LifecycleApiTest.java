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

/** Soft delete and restore over HTTP, with the guards and the token consequences. */
@MicronautTest(transactional = false)
class LifecycleApiTest {
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

    @Nested
    class SoftDelete {
        @Test
        void deletesHidesFromDefaultListsAndIsIdempotent() {
            String id = accounts.createUser("ada@roster.test").id().toString();

            assertThat(call(HttpRequest.DELETE(USERS + "/" + id), admin).status()).isEqualTo(204);
            assertThat(call(HttpRequest.DELETE(USERS + "/" + id), admin).status()).isEqualTo(204);

            assertThat(user(id).get("status")).isEqualTo("DELETED");
            assertThat(user(id).get("deletedAt")).isNotNull();
            assertThat(emails(USERS)).doesNotContain("ada@roster.test");
            assertThat(emails(USERS + "?status=DELETED")).containsExactly("ada@roster.test");
            assertThat(auditActions(id)).containsExactly("user.created", "user.deleted");
        }

        @Test
        void aDeletedUsersTokenStopsWorkingAndItCannotLogIn() {
            String token = accounts.tokenFor("ada@roster.test");
            String id = object(call(HttpRequest.GET("/api/v1/me"), token).body()).get("id").toString();

            call(HttpRequest.DELETE(USERS + "/" + id), admin);

            assertThat(call(HttpRequest.GET("/api/v1/me"), token).status()).isEqualTo(401);
            assertThat(call(HttpRequest.POST("/login", Map.of("username", "ada@roster.test", "password", TestAccounts.PASSWORD)), null)
                    .status()).isEqualTo(401);
        }

        @Test
        void theLastActiveAdministratorCannotBeDeleted() {
            String adminId = object(call(HttpRequest.GET("/api/v1/me"), admin).body()).get("id").toString();

            Reply reply = call(HttpRequest.DELETE(USERS + "/" + adminId), admin);

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.body()).contains("/problems/last-admin");
            assertThat(user(adminId).get("status")).isEqualTo("ACTIVE");
        }

        @Test
        void anotherAdministratorCanBeDeletedWhileOneRemains() {
            String other = accounts.createUser("second-admin@roster.test", Role.ADMIN).id().toString();

            assertThat(call(HttpRequest.DELETE(USERS + "/" + other), admin).status()).isEqualTo(204);
        }

        @Test
        void unknownAndMalformedIdsAreProblems() {
            assertThat(call(HttpRequest.DELETE(USERS + "/01a20000-0000-7000-8000-000000000000"), admin).status()).isEqualTo(404);
            assertThat(call(HttpRequest.DELETE(USERS + "/nope"), admin).status()).isEqualTo(400);
        }

        @Test
        void onlyAdministratorsMayDelete() {
            String id = accounts.createUser("ada@roster.test").id().toString();
            String auditor = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);

            assertThat(call(HttpRequest.DELETE(USERS + "/" + id), auditor).status()).isEqualTo(403);
            assertThat(call(HttpRequest.DELETE(USERS + "/" + id), null).status()).isEqualTo(401);
            assertThat(user(id).get("status")).isEqualTo("ACTIVE");
        }
    }

    @Nested
    class Restore {
        @Test
        void returnsAnActiveUserToActive() {
            String id = accounts.createUser("ada@roster.test").id().toString();
            call(HttpRequest.DELETE(USERS + "/" + id), admin);

            Reply reply = call(HttpRequest.POST(USERS + "/" + id + "/restore", ""), admin);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(object(reply.body()).get("status")).isEqualTo("ACTIVE");
            assertThat(object(reply.body()).get("deletedAt")).isNull();
            assertThat(auditActions(id)).containsExactly("user.created", "user.deleted", "user.restored");
        }

        @Test
        void returnsADeactivatedUserToDeactivated() {
            String id = accounts.createUser("ada@roster.test").id().toString();
            call(HttpRequest.POST(USERS + "/" + id + "/deactivate", ""), admin);
            call(HttpRequest.DELETE(USERS + "/" + id), admin);

            Reply reply = call(HttpRequest.POST(USERS + "/" + id + "/restore", ""), admin);

            assertThat(object(reply.body()).get("status")).isEqualTo("DEACTIVATED");
        }

        @Test
        void refusesAUserThatIsNotDeleted() {
            String id = accounts.createUser("ada@roster.test").id().toString();

            Reply reply = call(HttpRequest.POST(USERS + "/" + id + "/restore", ""), admin);

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.body()).contains("/problems/invalid-state");
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

    private Map<String, Object> user(String id) {
        return object(call(HttpRequest.GET(USERS + "/" + id), admin).body());
    }

    @SuppressWarnings("unchecked")
    private List<String> emails(String path) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) object(call(HttpRequest.GET(path), admin).body()).get("items");
        return items.stream().map(item -> item.get("email").toString()).filter(email -> !email.equals(TestAccounts.ADMIN_EMAIL)).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> auditActions(String id) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) object(call(HttpRequest.GET("/api/v1/audit-events?userId=" + id), admin).body()).get("items");
        return items.stream().map(item -> item.get("action").toString()).toList();
    }

    private Map<String, Object> object(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
