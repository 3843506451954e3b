package dev.roster.bootstrap.security;

import static dev.roster.bootstrap.TestClient.USERS;
import static dev.roster.bootstrap.TestRequests.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.model.accounts.ApiKey;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.domain.user.Role;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Service accounts (SPEC §6, ADR 0017): administration over HTTP, keys as bearer tokens, revocation and rotation at
 * once, and every scope against a representative endpoint of every endpoint family: a key never reaches beyond its
 * scopes, a service account is never a user, and a user's token is never granted a scope.
 */
@MicronautTest(transactional = false)
class ServiceAccountApiTest {
    private static final String ACCOUNTS = "/api/v1/service-accounts";
    private static final String TARGET_EMAIL = "target@roster.test";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;
    @Value("${roster.security.jwt-secret}")
    String jwtSecret;

    private String admin;
    private String targetId;

    @BeforeEach
    void startEmpty() {
        database.clear();
        transactions.executeWrite(status -> jdbc.prepareStatement("DELETE FROM service_accounts",
                statement -> statement.executeUpdate()));
        admin = accounts.adminToken();
        targetId = api.createUser("{\"email\":" + quote(TARGET_EMAIL) + "}", admin);
    }

    /** Each endpoint family, with a request that the family's callers make succeed. */
    enum Family {
        USERS_READ("users:read", List.of(
                t -> HttpRequest.GET(USERS),
                t -> HttpRequest.GET(USERS + "?q=target&limit=5"),
                t -> HttpRequest.GET(USERS + "/count"),
                t -> HttpRequest.GET(USERS + "/" + t),
                t -> HttpRequest.GET(USERS + "/by-email/" + TARGET_EMAIL))),
        STATS("stats:read", List.of(
                t -> HttpRequest.GET("/api/v1/stats/users"),
                t -> HttpRequest.GET("/api/v1/stats/signups?year=2026"))),
        AUDIT("audit:read", List.of(
                t -> HttpRequest.GET("/api/v1/audit-events"),
                t -> HttpRequest.GET("/api/v1/audit-events/verify"))),
        METRICS("metrics:read", List.of(t -> HttpRequest.GET("/prometheus"))),
        EVENTS("events:read", List.of(
                t -> HttpRequest.GET("/api/v1/events"),
                t -> HttpRequest.GET("/api/v1/events?after=0&limit=10&userId=" + t))),
        // families no scope reaches
        USERS_WRITE(null, List.of(
                t -> HttpRequest.POST(USERS, "{\"email\":\"written-by-a-key@roster.test\"}").contentType(MediaType.APPLICATION_JSON_TYPE),
                t -> HttpRequest.PATCH(USERS + "/" + t, "{\"displayName\":\"Changed by a key\"}").contentType(TestClient.MERGE_PATCH_JSON),
                t -> HttpRequest.POST(USERS + "/" + t + "/deactivate", ""),
                t -> HttpRequest.DELETE(USERS + "/" + t))),
        USERS_EXPORT(null, List.of(
                t -> HttpRequest.GET(USERS + "/export"),
                t -> HttpRequest.GET(USERS + "/" + t + "/export"),
                t -> HttpRequest.GET(USERS + "/" + t + "/erasure-preview"),
                t -> HttpRequest.GET(USERS + "/" + t + "/files"))),
        SERVICE_ACCOUNTS(null, List.of(
                t -> HttpRequest.GET(ACCOUNTS),
                t -> HttpRequest.POST(ACCOUNTS, "{\"name\":\"made by a key\",\"scopes\":[\"users:read\"]}")
                        .contentType(MediaType.APPLICATION_JSON_TYPE))),
        SELF_SERVICE(null, List.of(t -> HttpRequest.GET("/api/v1/me"), t -> HttpRequest.GET("/api/v1")));

        final String scope;
        final List<Function<String, io.micronaut.http.MutableHttpRequest<?>>> requests;

        Family(String scope, List<Function<String, io.micronaut.http.MutableHttpRequest<?>>> requests) {
            this.scope = scope;
            this.requests = requests;
        }
    }

    static final List<String> SCOPES = List.of("events:read", "users:read", "stats:read", "metrics:read", "audit:read");

    static Stream<Arguments> scopeAgainstFamily() {
        List<Arguments> cases = new ArrayList<>();
        for (String scope : SCOPES) {
            for (Family family : Family.values()) {
                cases.add(Arguments.of(scope, family));
            }
        }
        return cases.stream();
    }

    @Nested
    class Scopes {
        @ParameterizedTest(name = "a key with {0} on {1}")
        @MethodSource("dev.roster.bootstrap.security.ServiceAccountApiTest#scopeAgainstFamily")
        void aKeyReachesExactlyTheFamilyOfItsScope(String scope, Family family) {
            String key = createKey("only " + scope, scope);
            for (Function<String, io.micronaut.http.MutableHttpRequest<?>> request : family.requests) {
                String before = everyUser();
                TestReply reply = api.send(request.apply(targetId), key);
                if (scope.equals(family.scope)) {
                    assertThat(reply.status()).as("%s with %s: %s", family, scope, reply).isEqualTo(200);
                } else {
                    reply.assertForbidden();
                    assertThat(everyUser()).as("every user after a refused %s", reply).isEqualTo(before);
                }
            }
        }

        @Test
        void aKeyWithEveryScopeStillReachesNoWriteNoExportAndNoAdministration() {
            String key = createKey("everything it may", SCOPES.toArray(String[]::new));
            for (Family family : List.of(Family.USERS_WRITE, Family.USERS_EXPORT, Family.SERVICE_ACCOUNTS, Family.SELF_SERVICE)) {
                for (Function<String, io.micronaut.http.MutableHttpRequest<?>> request : family.requests) {
                    api.send(request.apply(targetId), key).assertForbidden();
                }
            }
            api.get(USERS, key).assertStatus(200);
            api.get("/prometheus", key).assertStatus(200);
        }

        @Test
        void aKeyWithTwoScopesReachesBothFamilies() {
            String key = createKey("users and stats", "users:read", "stats:read");

            api.get(USERS + "/" + targetId, key).assertStatus(200);
            api.get("/api/v1/stats/users", key).assertStatus(200);
            api.get("/api/v1/audit-events", key).assertForbidden();
            api.get("/prometheus", key).assertForbidden();
        }

        @Test
        void aKeySeesHealthWithoutDetails() {
            String key = createKey("scraper", "metrics:read");

            TestReply reply = api.get("/health", key).assertStatus(200);

            assertThat(reply.json()).doesNotContainKey("details").containsEntry("status", "UP");
        }

        @Test
        void aUsersTokenIsNeverGrantedAScopeWhateverItsRolesClaimSays() {
            String userToken = accounts.tokenFor("plain-user@roster.test");
            String userId = api.idOf(userToken);
            long now = System.currentTimeMillis() / 1000;
            String claimingScopes = Jwts.signedHs256(Jwts.claims(userId, now, now + 3600, SCOPES.toArray(String[]::new)), jwtSecret);

            for (String token : List.of(userToken, claimingScopes)) {
                api.get(USERS, token).assertForbidden();
                api.get("/api/v1/stats/users", token).assertForbidden();
                api.get("/api/v1/audit-events", token).assertForbidden();
                api.get("/prometheus", token).assertForbidden();
            }
        }

        @Test
        void aTokenThatOnlyClaimsToBeAServiceAccountIsRefused() {
            String adminId = api.idOf(admin);
            long now = System.currentTimeMillis() / 1000;
            Map<String, Object> claims = Jwts.validClaims(adminId, now, now + 3600, "ADMIN", "users:read");
            claims.put("rosterCallerKind", "service-account");
            String forged = Jwts.signedHs256(Jwts.json(claims), jwtSecret);

            api.get(USERS, forged).assertUnauthorized();
        }
    }

    @Nested
    class Keys {
        @Test
        void anUnknownOrMalformedKeyIs401() {
            createKey("feed", "users:read");

            api.get(USERS, ApiKey.generate(new java.util.Random(1)).value()).assertUnauthorized();
            api.get(USERS, "rsk_").assertUnauthorized();
            api.get(USERS, "rsk_not-a-key").assertUnauthorized();
        }

        @Test
        void aRevokedKeyIs401AtOnceEverywhere() {
            Map<String, Object> created = create("{\"name\":\"feed\",\"scopes\":[\"users:read\",\"metrics:read\"]}");
            String key = (String) created.get("apiKey");
            api.get(USERS, key).assertStatus(200);

            api.delete(ACCOUNTS + "/" + created.get("id"), admin).assertStatus(204);

            api.get(USERS, key).assertUnauthorized();
            api.get("/prometheus", key).assertUnauthorized();
            // like any token Roster does not recognise: public routes stay public, and show nothing more
            assertThat(api.get("/health", key).assertStatus(200).json()).doesNotContainKey("details").containsEntry("status", "UP");
        }

        @Test
        void aRotatedKeyIsReplacedAtOnce() {
            Map<String, Object> created = create("{\"name\":\"feed\",\"scopes\":[\"users:read\"]}");
            String oldKey = (String) created.get("apiKey");
            api.get(USERS, oldKey).assertStatus(200);

            TestReply rotated = api.post(ACCOUNTS + "/" + created.get("id") + "/key", admin).assertStatus(200);
            String newKey = (String) rotated.json().get("apiKey");

            assertThat(newKey).isNotEqualTo(oldKey).matches("rsk_[A-Za-z0-9_-]{43}");
            assertThat(rotated.json()).containsEntry("id", created.get("id")).containsEntry("active", true);
            api.get(USERS, oldKey).assertUnauthorized();
            api.get(USERS, newKey).assertStatus(200);
        }

        @Test
        void theLastUseIsRecorded() {
            Map<String, Object> created = create("{\"name\":\"feed\",\"scopes\":[\"stats:read\"]}");
            assertThat(api.get(ACCOUNTS + "/" + created.get("id"), admin).assertStatus(200).json().get("lastUsedAt")).isNull();

            api.get("/api/v1/stats/users", (String) created.get("apiKey")).assertStatus(200);

            assertThat(api.get(ACCOUNTS + "/" + created.get("id"), admin).json().get("lastUsedAt")).isNotNull();
        }

        @Test
        void readsWithAKeyAreNotAudited() {
            String key = createKey("feed", "users:read", "audit:read");
            long before = auditEventCount();

            api.get(USERS, key).assertStatus(200);
            api.get(USERS + "/" + targetId, key).assertStatus(200);

            assertThat(auditEventCount()).isEqualTo(before);
        }
    }

    @Nested
    class Administration {
        @Test
        void createAnswers201WithTheKeyOnceAndNeverAgain() {
            TestReply reply = api.postJson(ACCOUNTS, "{\"name\":\"  prometheus eu-1  \",\"scopes\":[\"metrics:read\",\"audit:read\"]}", admin)
                    .assertStatus(201);
            Map<String, Object> body = reply.json();
            String key = (String) body.get("apiKey");
            assertThat(key).matches("rsk_[A-Za-z0-9_-]{43}");
            assertThat(body).containsEntry("name", "prometheus eu-1").containsEntry("active", true)
                    .containsEntry("scopes", List.of("audit:read", "metrics:read"))
                    .containsEntry("lastUsedAt", null).containsEntry("revokedAt", null);
            assertThat(reply.location()).isEqualTo(ACCOUNTS + "/" + body.get("id"));
            assertThat(reply.header("Cache-Control")).contains("no-store");

            TestClient neverTheKey = api.alsoForbidding(key, key.substring(4), new ApiKey(key).hash());
            Map<String, Object> read = neverTheKey.get(reply.location(), admin).assertStatus(200).json();
            assertThat(read).doesNotContainKey("apiKey").containsEntry("id", body.get("id"));
            assertThat(neverTheKey.get(ACCOUNTS, admin).assertStatus(200).body()).contains((String) body.get("id"));
            neverTheKey.get("/api/v1/audit-events", admin).assertStatus(200);
        }

        @Test
        void listsEveryAccountOldestFirstRevokedOnesIncluded() {
            Map<String, Object> first = create("{\"name\":\"first\",\"scopes\":[\"users:read\"]}");
            Map<String, Object> second = create("{\"name\":\"second\",\"scopes\":[\"stats:read\"]}");
            api.delete(ACCOUNTS + "/" + first.get("id"), admin).assertStatus(204);

            List<Map<String, Object>> items = items(api.get(ACCOUNTS, admin).assertStatus(200));

            assertThat(items).extracting(item -> item.get("id")).containsExactly(first.get("id"), second.get("id"));
            assertThat(items.get(0)).containsEntry("active", false);
            assertThat(items.get(0).get("revokedAt")).isNotNull();
            assertThat(items.get(1)).containsEntry("active", true);
        }

        @Test
        void anEmptyListHasItems() {
            assertThat(api.get(ACCOUNTS, admin).assertStatus(200).json()).containsEntry("items", List.of());
        }

        @Test
        void revokeIsIdempotentAndARevokedAccountGetsNoNewKey() {
            Map<String, Object> created = create("{\"name\":\"feed\",\"scopes\":[\"users:read\"]}");
            String path = ACCOUNTS + "/" + created.get("id");

            api.delete(path, admin).assertStatus(204);
            api.delete(path, admin).assertStatus(204);

            api.post(path + "/key", admin).assertProblem(409, "invalid-state");
            assertThat(api.get(path, admin).assertStatus(200).json()).containsEntry("active", false);
        }

        @Test
        void everyChangeIsAuditedWithTheAdministratorAsActor() {
            Map<String, Object> created = create("{\"name\":\"feed\",\"scopes\":[\"users:read\"]}");
            String path = ACCOUNTS + "/" + created.get("id");
            api.post(path + "/key", admin).assertStatus(200);
            api.delete(path, admin).assertStatus(204);
            String adminId = api.idOf(admin);

            for (String action : List.of("service-account.created", "service-account.key-rotated", "service-account.revoked")) {
                List<Map<String, Object>> events = items(api.get("/api/v1/audit-events?action=" + action, admin).assertStatus(200));
                assertThat(events).as(action).hasSize(1);
                assertThat(events.get(0)).containsEntry("actorId", adminId);
                @SuppressWarnings("unchecked")
                Map<String, Object> details = (Map<String, Object>) events.get(0).get("details");
                assertThat(details).containsEntry("serviceAccountId", created.get("id"));
            }
            api.get("/api/v1/audit-events/verify", admin).assertStatus(200);
            assertThat(api.get("/api/v1/audit-events/verify", admin).json()).containsEntry("valid", true);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Role.class, names = {"USER", "AUDITOR"})
        void onlyAnAdministratorManagesServiceAccounts(Role role) {
            String token = accounts.tokenFor(role.name().toLowerCase() + "@roster.test", role);
            Map<String, Object> created = create("{\"name\":\"feed\",\"scopes\":[\"users:read\"]}");
            String path = ACCOUNTS + "/" + created.get("id");

            api.get(ACCOUNTS, token).assertForbidden();
            api.get(path, token).assertForbidden();
            api.postJson(ACCOUNTS, "{\"name\":\"x\",\"scopes\":[\"users:read\"]}", token).assertForbidden();
            api.post(path + "/key", token).assertForbidden();
            api.delete(path, token).assertForbidden();
            api.get(ACCOUNTS).assertUnauthorized();
            api.get(USERS, (String) created.get("apiKey")).assertStatus(200);
        }

        @Test
        void anUnknownIdIs404() {
            String path = ACCOUNTS + "/019b76da-a800-7000-8000-0000000000ff";
            api.get(path, admin).assertNotFound();
            api.delete(path, admin).assertNotFound();
            api.post(path + "/key", admin).assertNotFound();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"not-a-uuid", "019b76da-a800-7000-8000-0000000000f", "019b76da-a800-7000-8000-0000000000ff0",
                "019b76daa80070008000-0000000000ff", "0"})
        void aMalformedIdIs400(String id) {
            api.get(ACCOUNTS + "/" + id, admin).assertValidationFailed("id");
            api.delete(ACCOUNTS + "/" + id, admin).assertValidationFailed("id");
            api.post(ACCOUNTS + "/" + id + "/key", admin).assertValidationFailed("id");
        }

        static Stream<Arguments> badBodies() {
            return Stream.of(
                    Arguments.of("{\"name\":\"x\",\"scopes\":[\"users:write\"]}", Set.of("scopes")),
                    Arguments.of("{\"name\":\"x\",\"scopes\":[\"USERS:READ\"]}", Set.of("scopes")),
                    Arguments.of("{\"name\":\"x\",\"scopes\":[\"users:read\",\"users:read\"]}", Set.of("scopes")),
                    Arguments.of("{\"name\":\"x\",\"scopes\":[null]}", Set.of("scopes")),
                    Arguments.of("{\"name\":\"x\",\"scopes\":[]}", Set.of("scopes")),
                    Arguments.of("{\"name\":\"x\"}", Set.of("scopes")),
                    Arguments.of("{\"scopes\":[\"users:read\"]}", Set.of("name")),
                    Arguments.of("{\"name\":\"\",\"scopes\":[\"users:read\"]}", Set.of("name")),
                    Arguments.of("{\"name\":\"   \",\"scopes\":[\"users:read\"]}", Set.of("name")),
                    Arguments.of("{\"name\":\"" + "x".repeat(101) + "\",\"scopes\":[\"users:read\"]}", Set.of("name")),
                    Arguments.of("{\"name\":\"line\\nbreak\",\"scopes\":[\"users:read\"]}", Set.of("name")),
                    Arguments.of("{\"name\":5,\"scopes\":[\"users:read\"]}", Set.of("name")),
                    Arguments.of("{\"name\":\"x\",\"scopes\":\"users:read\"}", Set.of("scopes")),
                    Arguments.of("{\"name\":\"x\",\"scopes\":[1]}", Set.of("scopes")),
                    Arguments.of("{\"name\":\"x\",\"scopes\":[\"users:read\"],\"admin\":true}", Set.of("admin")),
                    Arguments.of("{}", Set.of("name", "scopes")),
                    Arguments.of("null", Set.of("body")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badBodies")
        void aBadBodyIs400AndCreatesNothing(String body, Set<String> fields) {
            api.postJson(ACCOUNTS, body, admin).assertValidationFailed(fields.toArray(String[]::new));
            assertThat(api.get(ACCOUNTS, admin).json()).containsEntry("items", List.of());
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"", "{", "[]", "\"name\"", "{\"name\":\"x\",\"scopes\":[\"users:read\"]} {}"})
        void malformedJsonIs400(String body) {
            TestReply reply = api.postJson(ACCOUNTS, body, admin);
            assertThat(reply.status()).as("%s", reply).isEqualTo(400);
            assertThat(api.get(ACCOUNTS, admin).json()).containsEntry("items", List.of());
        }

        @Test
        void aNameOfOneHundredCharactersIsKept() {
            String name = "é".repeat(100);
            assertThat(create("{\"name\":\"" + name + "\",\"scopes\":[\"events:read\"]}")).containsEntry("name", name);
        }
    }

    private Map<String, Object> create(String body) {
        return api.postJson(ACCOUNTS, body, admin).assertStatus(201).json();
    }

    private String createKey(String name, String... scopes) {
        StringBuilder list = new StringBuilder();
        for (String scope : scopes) {
            list.append(list.length() == 0 ? "" : ",").append(quote(scope));
        }
        return (String) create("{\"name\":" + quote(name) + ",\"scopes\":[" + list + "]}").get("apiKey");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(TestReply reply) {
        return (List<Map<String, Object>>) reply.json().get("items");
    }

    private long auditEventCount() {
        return items(api.get("/api/v1/audit-events?limit=500", admin).assertStatus(200)).size();
    }

    private String everyUser() {
        return api.get(USERS + "?status=ALL&sort=email&limit=500", admin).assertStatus(200).body();
    }
}
