package dev.roster.bootstrap.bulk;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.domain.user.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bulk operations: atomic all-or-nothing, independent results, validation of the whole request first. */
@MicronautTest(transactional = false)
class BulkApiTest {
    private static final String BULK = "/api/v1/users/bulk";

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

    private TestReply bulk(Map<String, Object> body) {
        return http.send(HttpRequest.POST(BULK, body), admin);
    }

    private long users() {
        return ((Number) http.send(HttpRequest.GET("/api/v1/users/count?status=ALL"), admin).json().get("count")).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> results(TestReply reply) {
        return (List<Map<String, Object>>) reply.json().get("results");
    }

    @Test
    void anAtomicRequestAppliesNothingWhenOneOperationFails() {
        String existing = accounts.createUser("ada@roster.test").id().toString();
        long before = users();

        TestReply reply = bulk(Map.of("atomic", true, "operations", List.of(
                Map.of("op", "create", "user", Map.of("email", "new@roster.test")),
                Map.of("op", "update", "id", existing, "changes", Map.of("displayName", "Changed")),
                Map.of("op", "create", "user", Map.of("email", "ADA@roster.test")),
                Map.of("op", "delete", "id", existing))));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("applied")).isEqualTo(false);
        assertThat(results(reply)).extracting(result -> result.get("status"))
                .containsExactly("rolled-back", "rolled-back", "failed", "not-attempted");
        assertThat(((Map<?, ?>) results(reply).get(2).get("problem")).get("type")).isEqualTo("/problems/email-taken");
        assertThat(users()).isEqualTo(before);
        assertThat(http.send(HttpRequest.GET("/api/v1/users/" + existing), admin).body()).doesNotContain("Changed");
        assertThat(http.send(HttpRequest.GET("/api/v1/audit-events?action=user.updated"), admin).body()).doesNotContain(existing);
    }

    @Test
    void anAtomicRequestThatSucceedsAppliesEverything() {
        String existing = accounts.createUser("ada@roster.test").id().toString();

        TestReply reply = bulk(Map.of("atomic", true, "operations", List.of(
                Map.of("op", "create", "user", Map.of("email", "new@roster.test", "roles", List.of("AUDITOR"))),
                Map.of("op", "update", "id", existing, "changes", Map.of("displayName", "Changed")),
                Map.of("op", "delete", "id", existing))));

        assertThat(reply.json().get("applied")).isEqualTo(true);
        assertThat(results(reply)).extracting(result -> result.get("status")).containsExactly("created", "updated", "deleted");
        assertThat(results(reply).get(0).get("id")).isNotNull();
        assertThat(http.send(HttpRequest.GET("/api/v1/users/" + existing), admin).body()).contains("Changed").contains("DELETED");
    }

    @Test
    void aNonAtomicRequestReportsEachOperationOnItsOwn() {
        TestReply reply = bulk(Map.of("atomic", false, "operations", List.of(
                Map.of("op", "create", "user", Map.of("email", "one@roster.test")),
                Map.of("op", "create", "user", Map.of("email", "ONE@roster.test")),
                Map.of("op", "delete", "id", "01a20000-0000-7000-8000-000000000000"),
                Map.of("op", "create", "user", Map.of("email", "two@roster.test")))));

        assertThat(results(reply)).extracting(result -> result.get("status")).containsExactly("created", "failed", "failed", "created");
        assertThat(((Map<?, ?>) results(reply).get(2).get("problem")).get("type")).isEqualTo("/problems/not-found");
        assertThat(http.send(HttpRequest.GET("/api/v1/users?q=roster.test&limit=10"), admin).body())
                .contains("one@roster.test").contains("two@roster.test");
    }

    @Test
    void malformedOperationsRejectTheWholeRequestAndNameEachOne() {
        long before = users();

        TestReply reply = bulk(Map.of("operations", List.of(
                Map.of("op", "create", "user", Map.of("email", "fine@roster.test")),
                Map.of("op", "explode"),
                Map.of("op", "update", "id", "nope", "changes", Map.of()),
                Map.of("op", "create", "user", Map.of("email", "x@roster.test", "roles", List.of("KING"))))));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("operations[1].op").contains("operations[2].id").contains("operations[3].roles");
        reply.assertValidationFailed("operations[1].op", "operations[2].id", "operations[3].roles");
        assertThat(users()).isEqualTo(before);
    }

    @Test
    void refusesEmptyAndOversizedRequests() {
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("op", "delete", "id", "01a20000-0000-7000-8000-000000000000"));
        }

        bulk(Map.of("operations", List.of())).assertValidationFailed("operations");
        bulk(Map.of("operations", tooMany)).assertValidationFailed("operations");
        bulk(Map.of("atomic", "yes", "operations", List.of(Map.of("op", "delete", "id", "01a20000-0000-7000-8000-000000000000"))))
                .assertValidationFailed("atomic");
    }

    @Test
    void onlyAdministratorsMayUseIt() {
        String auditor = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);

        http.send(HttpRequest.POST(BULK, Map.of("operations", List.of(Map.of("op", "create", "user",
                Map.of("email", "x@roster.test"))))), auditor).assertForbidden();
    }
}
