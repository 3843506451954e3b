package dev.roster.bootstrap.audit;

import dev.roster.application.service.erasure.ErasureService;
import dev.roster.bootstrap.DatabaseDump;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §8, ADR 0022: a user's client addresses are cleared from the audit trail when the user is erased, by every kind
 * of erasure, and afterwards no stored value in any table holds them in any textual form, while the chain verifies and
 * other people's addresses stay. The user acts from two distinctive addresses behind one trusted proxy (the test
 * client sets X-Forwarded-For); the administrator from a third.
 */
@MicronautTest(transactional = false)
@Property(name = "micronaut.server.client-address-header", value = "X-Forwarded-For")
@Property(name = "roster.http.trusted-proxies", value = "1")
class ClientAddressErasureTest {
    private static final String USER_IPV4 = "198.51.100.73";
    private static final String USER_IPV6 = "2001:db8:7a3::73";
    private static final String ADMIN_ADDRESS = "203.0.113.19";
    private static final String EMAIL = "zebulon.addresses@example.org";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;
    @Inject
    DatabaseDump dump;
    @Inject
    ErasureService erasure;

    private String admin;
    private String userId;
    private String token;

    @BeforeEach
    void theUserActsFromTwoAddressesAndTheAdministratorFromAnother() {
        database.clear();
        admin = accounts.adminToken();
        userId = accounts.createUser(EMAIL).id().toString();
        send(HttpRequest.POST("/login", Map.of("username", EMAIL, "password", "not the password")), USER_IPV4, null)
                .assertStatus(401);
        token = send(HttpRequest.POST("/login", Map.of("username", EMAIL, "password", TestAccounts.PASSWORD)), USER_IPV4, null)
                .assertStatus(200).json().get("access_token").toString();
        send(HttpRequest.PATCH(TestClient.ME, Map.of("displayName", "Zebulon")).contentType(TestClient.MERGE_PATCH_JSON), USER_IPV6, token)
                .assertStatus(200);
        send(HttpRequest.GET(TestClient.ME + "/export"), USER_IPV4, token).assertStatus(200);
        send(HttpRequest.PATCH(TestClient.USERS + "/" + userId, Map.of("phone", "+4915100000001"))
                .contentType(TestClient.MERGE_PATCH_JSON), ADMIN_ADDRESS, admin).assertStatus(200);
    }

    @Test
    void beforeTheErasureTheDumpFindsTheAddressesAndTheTrailShowsThem() {
        assertThat(formsFound(USER_IPV4)).contains(USER_IPV4);
        assertThat(formsFound(USER_IPV6)).contains(USER_IPV6);
        List<Map<String, Object>> events = events();
        assertThat(events).extracting(event -> event.get("clientAddress")).contains(USER_IPV4, USER_IPV6, ADMIN_ADDRESS);
        assertThat(events).allSatisfy(event -> assertThat(event.get("clientAddress") == null)
                .isEqualTo(event.get("clientAddressCommitment") == null));
    }

    @Nested
    class AnAdministratorsErasure {
        @Test
        void leavesNoFormOfTheUsersAddressesInAnyTableAndTheChainValid() {
            send(HttpRequest.POST(TestClient.USERS + "/" + userId + "/anonymize", Map.of()), ADMIN_ADDRESS, admin).assertStatus(200);

            assertErasedEverywhereAndVerified();
        }
    }

    @Nested
    class ASelfErasure {
        @Test
        void leavesNoFormOfTheUsersAddressesInAnyTableAndTheChainValid() {
            send(HttpRequest.POST(TestClient.ME + "/erasure", Map.of("currentPassword", TestAccounts.PASSWORD)), USER_IPV6, token)
                    .assertStatus(200);

            assertErasedEverywhereAndVerified();
        }
    }

    @Nested
    class TheRetentionErasure {
        @Test
        void leavesNoFormOfTheUsersAddressesInAnyTableAndTheChainValid() {
            send(HttpRequest.DELETE(TestClient.ME, Map.of("currentPassword", TestAccounts.PASSWORD)), USER_IPV4, token).assertStatus(204);

            assertThat(erasure.eraseExpiredBatch(Duration.ZERO, 100)).isEqualTo(1);

            assertErasedEverywhereAndVerified();
        }
    }

    private void assertErasedEverywhereAndVerified() {
        Map<String, Object> verification = api.get("/api/v1/audit-events/verify", admin).assertStatus(200).json();
        assertThat(verification.get("valid")).as("verify after the erasure: %s", verification).isEqualTo(true);
        assertThat(((Number) verification.get("checked")).longValue()).isGreaterThanOrEqualTo(8);
        assertThat(dump.tables()).contains("audit_events", "audit_pending", "users", "erasure_receipts", "change_events");
        assertThat(formsFound(USER_IPV4)).as("forms of %s in the dump", USER_IPV4).isEmpty();
        assertThat(formsFound(USER_IPV6)).as("forms of %s in the dump", USER_IPV6).isEmpty();
        assertThat(formsFound(ADMIN_ADDRESS)).as("the administrator's address is not the user's").contains(ADMIN_ADDRESS);
        List<Map<String, Object>> events = events();
        assertThat(events).filteredOn(event -> userId.equals(event.get("actorId")))
                .isNotEmpty()
                .allSatisfy(event -> {
                    assertThat(event.get("clientAddress")).isNull();
                    assertThat(event.get("clientAddressCommitment")).as("the chain keeps its commitment").isNotNull();
                });
        assertThat(events).filteredOn(event -> "login.failed".equals(event.get("action")))
                .singleElement().satisfies(event -> assertThat(event.get("clientAddress")).isNull());
    }

    /** Which textual forms of the address some stored value holds. */
    private List<String> formsFound(String address) {
        String everything = String.join("\n", dump.rows()).toLowerCase(Locale.ROOT);
        return DatabaseDump.textualForms(address).stream().filter(everything::contains).toList();
    }

    private List<Map<String, Object>> events() {
        return api.get("/api/v1/audit-events?limit=500", admin).assertStatus(200).items();
    }

    private TestReply send(MutableHttpRequest<?> request, String from, String bearer) {
        if (request.getBody().isPresent() && request.getContentType().isEmpty()) {
            request.contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        return api.send(request.header("X-Forwarded-For", from), bearer);
    }
}
