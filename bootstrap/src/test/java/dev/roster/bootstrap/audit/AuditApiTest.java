package dev.roster.bootstrap.audit;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.domain.user.Role;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail over HTTP: what is recorded, who may read it, that it holds no personal data, and tamper evidence. */
@MicronautTest(transactional = false)
class AuditApiTest {
    private static final String EVENTS = "/api/v1/audit-events";
    private static final String EMAIL = "zebulon.quixote@example.org";
    private static final String NAME = "Zebulon Quixote-Marchetti";
    private static final String PHONE = "+4915112345678";
    private static final String ATTRIBUTE_VALUE = "blue-heron-7731";

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    JsonMapper json;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    private String admin;

    @BeforeEach
    void startFromAnEmptyTrail() {
        database.clear();
        admin = accounts.adminToken();
    }

    @Nested
    class Recording {
        @Test
        void everyChangeIsRecordedWithActorTargetAndClientAddress() {
            String id = createDistinctiveUser();
            send(HttpRequest.PATCH("/api/v1/users/" + id, Map.of("displayName", "Someone Else"))
                    .contentType("application/merge-patch+json"), admin);
            send(HttpRequest.PUT("/api/v1/users/" + id + "/roles/AUDITOR", ""), admin);
            send(HttpRequest.POST("/api/v1/users/" + id + "/deactivate", ""), admin);

            List<Map<String, Object>> events = events("?userId=" + id, admin);

            assertThat(events).extracting(event -> event.get("action"))
                    .containsExactly("user.created", "user.updated", "user.role-granted", "user.deactivated");
            String adminId = idOf(admin);
            assertThat(events).allSatisfy(event -> {
                assertThat(event.get("actorId")).isEqualTo(adminId);
                assertThat(event.get("userId")).isEqualTo(id);
                assertThat(event.get("clientAddress")).isEqualTo("127.0.0.1");
            });
            assertThat(events.get(1).get("details")).isEqualTo(Map.of("fields", "displayName"));
            assertThat(events.get(2).get("details")).isEqualTo(Map.of("role", "AUDITOR"));
        }

        @Test
        void loginsAreRecordedWithoutTheEmail() {
            String id = createDistinctiveUser();
            login(EMAIL, "wrong password, long enough");
            login(EMAIL, TestAccounts.PASSWORD);
            login("nobody-" + EMAIL, "wrong password, long enough");

            List<Map<String, Object>> logins = events("?action=login.failed", admin);
            assertThat(logins).extracting(event -> (Object) ((Map<?, ?>) event.get("details")).get("reason"))
                    .containsExactly("wrong-password", "unknown-account");
            assertThat(events("?action=login.succeeded&userId=" + id, admin)).hasSize(1);
            assertThat(raw(EVENTS + "?limit=500", admin)).doesNotContain("zebulon").doesNotContain("nobody-");
        }

        @Test
        void aFailedChangeRecordsNothing() {
            createDistinctiveUser();
            long before = events("?limit=500", admin).size();

            HttpClientResponseException taken = send(HttpRequest.POST("/api/v1/users", Map.of("email", EMAIL.toUpperCase())), admin);

            assertThat(taken.getStatus().getCode()).isEqualTo(409);
            assertThat(events("?limit=500", admin)).hasSize((int) before);
        }

        @Test
        void noEventHoldsAnyPersonalValueOfTheUser() {
            String id = createDistinctiveUser();
            send(HttpRequest.PATCH("/api/v1/users/" + id, Map.of("phone", "+4915199999999", "attributes", Map.of("colour", "green-owl-4411")))
                    .contentType("application/merge-patch+json"), admin);
            send(HttpRequest.PUT("/api/v1/users/" + id + "/password", Map.of("password", "another long password here")), admin);

            String everything = raw(EVENTS + "?limit=500", admin);

            for (String personal : List.of(EMAIL, "zebulon", "Quixote", PHONE, "+4915199999999", ATTRIBUTE_VALUE,
                    "green-owl-4411", "another long password", "$argon2")) {
                assertThat(everything).as("audit trail must not contain %s", personal).doesNotContainIgnoringCase(personal);
            }
        }
    }

    @Nested
    class Reading {
        @Test
        void auditorsMayReadButUsersMayNot() {
            String auditor = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);
            String user = accounts.tokenFor("user@roster.test");

            assertThat(status(HttpRequest.GET(EVENTS), auditor)).isEqualTo(200);
            assertThat(status(HttpRequest.GET(EVENTS + "/verify"), auditor)).isEqualTo(200);
            assertThat(status(HttpRequest.GET(EVENTS), user)).isEqualTo(403);
            assertThat(status(HttpRequest.GET(EVENTS), null)).isEqualTo(401);
        }

        @Test
        void pagesWithACursorWithoutGapsOrRepeats() {
            for (int i = 0; i < 5; i++) {
                accounts.createUser("page-" + i + "@roster.test");
            }
            List<Map<String, Object>> all = events("?limit=500", admin);
            Map<String, Object> first = page("?limit=3");
            Map<String, Object> second = page("?limit=3&cursor=" + first.get("nextCursor"));

            assertThat(first.get("nextCursor")).isNotNull();
            List<Object> paged = new java.util.ArrayList<>();
            paged.addAll((List<?>) first.get("items"));
            paged.addAll((List<?>) second.get("items"));
            assertThat(paged).isEqualTo(all.subList(0, paged.size()));
        }

        @Test
        void badFiltersAreRejected() {
            assertThat(status(HttpRequest.GET(EVENTS + "?userId=nope"), admin)).isEqualTo(400);
            assertThat(status(HttpRequest.GET(EVENTS + "?action=user.exploded"), admin)).isEqualTo(400);
            assertThat(status(HttpRequest.GET(EVENTS + "?from=yesterday"), admin)).isEqualTo(400);
            assertThat(status(HttpRequest.GET(EVENTS + "?limit=0"), admin)).isEqualTo(400);
            assertThat(status(HttpRequest.GET(EVENTS + "?cursor=garbage"), admin)).isEqualTo(400);
        }
    }

    @Nested
    class Verification {
        @Test
        void anIntactChainVerifies() {
            createDistinctiveUser();
            Map<String, Object> result = object(raw(EVENTS + "/verify", admin));

            assertThat(result.get("valid")).isEqualTo(true);
            assertThat(((Number) result.get("checked")).longValue()).isEqualTo(events("?limit=500", admin).size());
            assertThat(result.get("firstBrokenSequence")).isNull();
        }

        @Test
        void aRowChangedDirectlyInTheDatabaseIsDetected() {
            createDistinctiveUser();
            long tampered = ((Number) events("?action=user.created&limit=500", admin).get(1).get("sequence")).longValue();
            transactions.executeWrite(status -> jdbc.prepareStatement(
                    "UPDATE audit_events SET details = 'roles=USER' WHERE sequence = ?", statement -> {
                        statement.setLong(1, tampered);
                        return statement.executeUpdate();
                    }));

            Map<String, Object> result = object(raw(EVENTS + "/verify", admin));

            assertThat(result.get("valid")).isEqualTo(false);
            assertThat(((Number) result.get("firstBrokenSequence")).longValue()).isEqualTo(tampered);
            assertThat(((Number) result.get("checked")).longValue()).isEqualTo(tampered - 1);
        }

        @Test
        void deletingTheNewestRowIsDetected() {
            createDistinctiveUser();
            long last = events("?limit=500", admin).size();
            transactions.executeWrite(status -> jdbc.prepareStatement(
                    "DELETE FROM audit_events WHERE sequence = ?", statement -> {
                        statement.setLong(1, last);
                        return statement.executeUpdate();
                    }));

            Map<String, Object> result = object(raw(EVENTS + "/verify", admin));

            assertThat(result.get("valid")).isEqualTo(false);
            assertThat(((Number) result.get("firstBrokenSequence")).longValue()).isEqualTo(last);
        }

        @Test
        void aDeletedRowIsDetected() {
            createDistinctiveUser();
            transactions.executeWrite(status -> jdbc.prepareStatement(
                    "DELETE FROM audit_events WHERE sequence = 2", statement -> statement.executeUpdate()));

            Map<String, Object> result = object(raw(EVENTS + "/verify", admin));

            assertThat(result.get("valid")).isEqualTo(false);
            assertThat(((Number) result.get("firstBrokenSequence")).longValue()).isEqualTo(2);
        }
    }

    private String createDistinctiveUser() {
        Map<String, Object> body = Map.of("email", EMAIL, "displayName", NAME, "phone", PHONE,
                "attributes", Map.of("favourite", ATTRIBUTE_VALUE), "password", TestAccounts.PASSWORD);
        HttpResponse<String> created = client.toBlocking().exchange(
                HttpRequest.POST("/api/v1/users", body).bearerAuth(admin), String.class);
        return object(created.body()).get("id").toString();
    }

    private void login(String email, String password) {
        send(HttpRequest.POST("/login", Map.of("username", email, "password", password)), null);
    }

    private String idOf(String token) {
        return object(raw("/api/v1/me", token)).get("id").toString();
    }

    private List<Map<String, Object>> events(String query, String token) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) object(raw(EVENTS + (query.isEmpty() ? "?limit=500" : query), token)).get("items");
        return items;
    }

    private Map<String, Object> page(String query) {
        return object(raw(EVENTS + query, admin));
    }

    private String raw(String path, String token) {
        return client.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(token));
    }

    private int status(MutableHttpRequest<?> request, String token) {
        try {
            return client.toBlocking().exchange(withToken(request, token), String.class).code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    /** Sends and returns the error, if any (null when it succeeded). */
    private HttpClientResponseException send(MutableHttpRequest<?> request, String token) {
        try {
            MutableHttpRequest<?> withType = withToken(request, token).contentType(
                    request.getContentType().orElse(MediaType.APPLICATION_JSON_TYPE));
            client.toBlocking().exchange(withType, Argument.of(String.class), Argument.of(String.class));
            return null;
        } catch (HttpClientResponseException e) {
            return e;
        }
    }

    private static MutableHttpRequest<?> withToken(MutableHttpRequest<?> request, String token) {
        if (token != null) {
            request.bearerAuth(token);
        }
        return request;
    }

    private Map<String, Object> object(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
