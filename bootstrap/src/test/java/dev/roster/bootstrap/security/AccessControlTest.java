package dev.roster.bootstrap.security;

import static dev.roster.bootstrap.TestClient.ME;
import static dev.roster.bootstrap.TestClient.MERGE_PATCH_JSON;
import static dev.roster.bootstrap.TestClient.USERS;
import static dev.roster.bootstrap.TestRequests.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.bootstrap.TestRequests;
import dev.roster.domain.user.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who may call what (SPEC §2 "Roles"): every protected endpoint family without a token, and with the token of a USER,
 * an AUDITOR and an ADMIN. The expectations are one literal table. A rejected request must leave every user as it was.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {
    private static final String MATRIX = "dev.roster.bootstrap.security.AccessControlTest#roleMatrix";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;

    private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    private final AtomicInteger sequence = new AtomicInteger();

    /** Who sends the request. */
    enum Caller {
        NOBODY, USER, AUDITOR, ADMIN
    }

    /** The user an endpoint acts on, fresh for every request so that no case depends on another. */
    record Target(String id, int number) {
    }

    /** One protected endpoint family, with a request that an ADMIN's token makes succeed. */
    enum Endpoint {
        LIST_USERS("GET /api/v1/users", false, target -> HttpRequest.GET(USERS)),
        COUNT_USERS("GET /api/v1/users/count", false, target -> HttpRequest.GET(USERS + "/count")),
        READ_USER("GET /api/v1/users/{id}", false, target -> HttpRequest.GET(USERS + "/" + target.id())),
        CREATE_USER("POST /api/v1/users", false, target -> HttpRequest.POST(USERS,
                "{\"email\":" + quote("created-" + target.number() + "@roster.test") + "}")
                .contentType(MediaType.APPLICATION_JSON_TYPE)),
        PATCH_USER("PATCH /api/v1/users/{id}", false, target -> HttpRequest.PATCH(USERS + "/" + target.id(),
                "{\"displayName\":\"Patched by an administrator\"}").contentType(MERGE_PATCH_JSON)),
        UPSERT_USER_BY_EMAIL("PUT /api/v1/users/by-email/{email}", false, target -> HttpRequest.PUT(
                USERS + "/by-email/upserted-" + target.number() + "@roster.test", "{\"displayName\":\"Upserted\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE)),
        GRANT_ROLE("PUT /api/v1/users/{id}/roles/{role}", false,
                target -> HttpRequest.PUT(USERS + "/" + target.id() + "/roles/ADMIN", "")),
        REVOKE_ROLE("DELETE /api/v1/users/{id}/roles/{role}", false,
                target -> HttpRequest.DELETE(USERS + "/" + target.id() + "/roles/AUDITOR")),
        SET_PASSWORD("PUT /api/v1/users/{id}/password", false, target -> HttpRequest.PUT(
                USERS + "/" + target.id() + "/password", "{\"password\":\"set by an administrator\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE)),
        DEACTIVATE_USER("POST /api/v1/users/{id}/deactivate", false,
                target -> HttpRequest.POST(USERS + "/" + target.id() + "/deactivate", "")),
        REACTIVATE_USER("POST /api/v1/users/{id}/reactivate", true,
                target -> HttpRequest.POST(USERS + "/" + target.id() + "/reactivate", "")),
        READ_ME("GET /api/v1/me", false, target -> HttpRequest.GET(ME)),
        PATCH_ME("PATCH /api/v1/me", false,
                target -> HttpRequest.PATCH(ME, "{\"displayName\":\"Patched by myself\"}").contentType(MERGE_PATCH_JSON)),
        // the same password again: every caller can repeat it, and it still runs the whole check and store
        CHANGE_MY_PASSWORD("PUT /api/v1/me/password", false, target -> HttpRequest.PUT(ME + "/password",
                "{\"currentPassword\":" + quote(TestAccounts.PASSWORD) + ",\"newPassword\":" + quote(TestAccounts.PASSWORD) + "}")
                .contentType(MediaType.APPLICATION_JSON_TYPE)),
        SIGN_USER_OUT("POST /api/v1/users/{id}/sessions/revoke", false,
                target -> HttpRequest.POST(USERS + "/" + target.id() + "/sessions/revoke", "")),
        SIGN_ME_OUT("POST /api/v1/me/sessions/revoke", false, target -> HttpRequest.POST(ME + "/sessions/revoke", "")),
        PROMETHEUS("GET /prometheus", false, target -> HttpRequest.GET("/prometheus"));

        /** Whether a successful call ends the caller's own tokens (ADR 0016), so the caller must log in again. */
        boolean endsTheCallersSessions() {
            return this == CHANGE_MY_PASSWORD || this == SIGN_ME_OUT;
        }

        private final String description;
        private final boolean needsDeactivatedTarget;
        private final Function<Target, MutableHttpRequest<?>> request;

        Endpoint(String description, boolean needsDeactivatedTarget, Function<Target, MutableHttpRequest<?>> request) {
            this.description = description;
            this.needsDeactivatedTarget = needsDeactivatedTarget;
            this.request = request;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** What each caller gets from one endpoint. */
    record Row(Endpoint endpoint, int user, int auditor, int admin) {
    }

    private static final int FORBIDDEN = 403;

    /** The problem type the API answers with for each refusal status. */
    private static final Map<Integer, String> PROBLEM_TYPES = Map.of(401, "unauthorized", 403, "forbidden", 404, "not-found",
            405, "method-not-allowed");

    /** The role matrix of SPEC §2 / issue 3, one row per endpoint family. */
    private static final List<Row> TABLE = List.of(
            //      endpoint                       USER       AUDITOR    ADMIN
            new Row(Endpoint.LIST_USERS,           FORBIDDEN, 200,       200),
            new Row(Endpoint.COUNT_USERS,          FORBIDDEN, 200,       200),
            new Row(Endpoint.READ_USER,            FORBIDDEN, 200,       200),
            new Row(Endpoint.CREATE_USER,          FORBIDDEN, FORBIDDEN, 201),
            new Row(Endpoint.PATCH_USER,           FORBIDDEN, FORBIDDEN, 200),
            new Row(Endpoint.UPSERT_USER_BY_EMAIL, FORBIDDEN, FORBIDDEN, 201),
            new Row(Endpoint.GRANT_ROLE,           FORBIDDEN, FORBIDDEN, 204),
            new Row(Endpoint.REVOKE_ROLE,          FORBIDDEN, FORBIDDEN, 204),
            new Row(Endpoint.SET_PASSWORD,         FORBIDDEN, FORBIDDEN, 204),
            new Row(Endpoint.DEACTIVATE_USER,      FORBIDDEN, FORBIDDEN, 200),
            new Row(Endpoint.REACTIVATE_USER,      FORBIDDEN, FORBIDDEN, 200),
            new Row(Endpoint.READ_ME,              200,       200,       200),
            new Row(Endpoint.PATCH_ME,             200,       200,       200),
            new Row(Endpoint.CHANGE_MY_PASSWORD,   204,       204,       204),
            new Row(Endpoint.SIGN_USER_OUT,        FORBIDDEN, FORBIDDEN, 204),
            new Row(Endpoint.SIGN_ME_OUT,          204,       204,       204),
            new Row(Endpoint.PROMETHEUS,           FORBIDDEN, 200,       200));

    static Stream<Arguments> roleMatrix() {
        return TABLE.stream().flatMap(row -> Stream.of(
                Arguments.of(Caller.USER, row.endpoint(), row.user()),
                Arguments.of(Caller.AUDITOR, row.endpoint(), row.auditor()),
                Arguments.of(Caller.ADMIN, row.endpoint(), row.admin())));
    }

    private static final Map<Caller, String> EMAILS = Map.of(Caller.ADMIN, TestAccounts.ADMIN_EMAIL,
            Caller.AUDITOR, "auditor@roster.test", Caller.USER, "user@roster.test");

    @BeforeAll
    void createOneAccountPerRole() {
        database.clear();
        tokens.put(Caller.ADMIN, accounts.adminToken());
        tokens.put(Caller.AUDITOR, accounts.tokenFor(EMAILS.get(Caller.AUDITOR), Role.AUDITOR));
        tokens.put(Caller.USER, accounts.tokenFor(EMAILS.get(Caller.USER)));
    }

    @Test
    void theTableHasARowForEveryEndpointFamily() {
        assertThat(TABLE.stream().map(Row::endpoint).collect(Collectors.toCollection(() -> EnumSet.noneOf(Endpoint.class))))
                .containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Endpoint.class));
        assertThat(TABLE).hasSize(Endpoint.values().length);
    }

    @Nested
    class WithoutAToken {
        @ParameterizedTest(name = "{0} → 401")
        @EnumSource(Endpoint.class)
        void everyProtectedEndpointAnswers401AndChangesNothing(Endpoint endpoint) {
            TestReply reply = call(Caller.NOBODY, endpoint, 401);
            reply.assertUnauthorized();
        }

        @ParameterizedTest(name = "{0} with an empty bearer token → 401")
        @EnumSource(value = Endpoint.class, names = {"LIST_USERS", "CREATE_USER", "READ_ME", "PROMETHEUS"})
        void anEmptyAuthorizationHeaderCountsAsNoToken(Endpoint endpoint) {
            Target target = newTarget(endpoint);
            TestReply reply = api.send(endpoint.request.apply(target).header("Authorization", "Bearer "), null);
            reply.assertUnauthorized();
        }
    }

    @Nested
    class RoleMatrix {
        @ParameterizedTest(name = "{0}: {1} → {2}")
        @MethodSource(MATRIX)
        void eachRoleGetsWhatTheTableSays(Caller caller, Endpoint endpoint, int expectedStatus) {
            TestReply reply = call(caller, endpoint, expectedStatus);
            if (expectedStatus == FORBIDDEN) {
                reply.assertForbidden();
            }
        }
    }

    @Nested
    class PublicEndpoints {
        @Test
        void healthNeedsNoToken() {
            TestReply reply = api.get("/health", null).assertStatus(200);
            assertThat(reply.body()).contains("\"status\":\"UP\"");
        }

        @Test
        void loginNeedsNoToken() {
            TestReply reply = api.login("user@roster.test", TestAccounts.PASSWORD).assertStatus(200);
            assertThat(reply.json()).containsKey("access_token");
        }

        @Test
        void theOpenApiDocumentIsPublic() {
            TestReply reply = api.get("/swagger/roster-v1.yml", null).assertStatus(200);
            assertThat(reply.body()).contains("openapi:").contains("/api/v1/me");
        }
    }

    @Nested
    class OtherManagementPaths {
        @Test
        void prometheusWithATrailingSlashIsGuardedLikePrometheus() {
            api.get("/prometheus/", null).assertUnauthorized();
            api.get("/prometheus/", tokens.get(Caller.USER)).assertForbidden();
            api.get("/prometheus/", tokens.get(Caller.ADMIN)).assertStatus(200);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/beans", "/routes", "/info", "/threaddump"})
        void aUserIsRefusedWithoutAServerError(String path) {
            assertRefused(api.get(path, null), 401, 404);
            assertRefused(api.get(path, tokens.get(Caller.USER)), 403, 404);
            TestReply admin = api.get(path, tokens.get(Caller.ADMIN));
            if (admin.status() != 200) {
                assertRefused(admin, 403, 404);
            }
        }

        /** One of these statuses, with the problem type of that status. */
        private void assertRefused(TestReply reply, Integer... statuses) {
            assertThat(reply.status()).as("%s", reply).isIn((Object[]) statuses);
            reply.assertProblem(reply.status(), PROBLEM_TYPES.get(reply.status()));
        }
    }

    /**
     * Sends the endpoint's request as the caller against a fresh target, checks the status and, when the request is
     * rejected, that no user changed.
     */
    private TestReply call(Caller caller, Endpoint endpoint, int expectedStatus) {
        Target target = newTarget(endpoint);
        String before = everyUser();
        TestReply reply = api.send(endpoint.request.apply(target), tokens.get(caller));
        assertThat(reply.status()).as("%s as %s: %s", endpoint, caller, reply).isEqualTo(expectedStatus);
        if (expectedStatus < 400 && endpoint.endsTheCallersSessions()) {
            api.get(ME, tokens.get(caller)).assertUnauthorized();
            tokens.put(caller, accounts.login(EMAILS.get(caller), TestAccounts.PASSWORD));
        }
        if (expectedStatus >= 400) {
            assertThat(everyUser()).as("every user after a rejected %s as %s", endpoint, caller).isEqualTo(before);
        }
        return reply;
    }

    private Target newTarget(Endpoint endpoint) {
        int number = sequence.incrementAndGet();
        String id = api.createUser("{\"email\":" + quote("target-" + number + "@roster.test") + ",\"roles\":[\"AUDITOR\"]}",
                tokens.get(Caller.ADMIN));
        if (endpoint.needsDeactivatedTarget) {
            api.post(USERS + "/" + id + "/deactivate", tokens.get(Caller.ADMIN)).assertStatus(200);
        }
        return new Target(id, number);
    }

    /** Every user in every status, as the administrator sees them. */
    private String everyUser() {
        return api.get(TestRequests.uri(USERS, "status", "ALL", "sort", "email", "limit", "500"), tokens.get(Caller.ADMIN))
                .assertStatus(200).body();
    }
}
