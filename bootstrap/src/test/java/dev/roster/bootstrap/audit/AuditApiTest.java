package dev.roster.bootstrap.audit;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.domain.user.Role;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

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
    TestClient http;
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
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
            http.send(HttpRequest.PATCH("/api/v1/users/" + id, Map.of("displayName", "Someone Else"))
                    .contentType(TestClient.MERGE_PATCH_JSON), admin).assertStatus(200);
            http.put("/api/v1/users/" + id + "/roles/AUDITOR", admin).assertStatus(204);
            http.post("/api/v1/users/" + id + "/deactivate", admin).assertStatus(200);

            List<Map<String, Object>> events = events("?userId=" + id, admin);

            assertThat(events).extracting(event -> event.get("action"))
                    .containsExactly("user.created", "user.updated", "user.role-granted", "user.deactivated");
            String adminId = http.idOf(admin);
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

            TestReply taken = http.send(HttpRequest.POST("/api/v1/users", Map.of("email", EMAIL.toUpperCase())), admin);

            taken.assertProblem(409, "email-taken");
            assertThat(events("?limit=500", admin)).hasSize((int) before);
        }

        @Test
        void noEventHoldsAnyPersonalValueOfTheUser() {
            String id = createDistinctiveUser();
            http.send(HttpRequest.PATCH("/api/v1/users/" + id, Map.of("phone", "+4915199999999", "attributes", Map.of("colour", "green-owl-4411")))
                    .contentType(TestClient.MERGE_PATCH_JSON), admin).assertStatus(200);
            http.send(HttpRequest.PUT("/api/v1/users/" + id + "/password", Map.of("password", "another long password here")), admin)
                    .assertStatus(204);

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

            http.get(EVENTS, auditor).assertStatus(200);
            http.get(EVENTS + "/verify", auditor).assertStatus(200);
            http.get(EVENTS, user).assertForbidden();
            http.get(EVENTS, null).assertUnauthorized();
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
        void sortedNewestFirstTheNewestComesFirstAndTheCursorContinuesDownwards() {
            for (int i = 0; i < 5; i++) {
                accounts.createUser("newest-" + i + "@roster.test");
            }
            List<Map<String, Object>> oldestFirst = events("?limit=500", admin);
            List<Map<String, Object>> reversed = new java.util.ArrayList<>(oldestFirst);
            java.util.Collections.reverse(reversed);
            Map<String, Object> first = page("?limit=3&sort=-occurredAt");
            Map<String, Object> second = page("?limit=3&sort=-occurredAt&cursor=" + first.get("nextCursor"));

            List<Object> paged = new java.util.ArrayList<>();
            paged.addAll((List<?>) first.get("items"));
            paged.addAll((List<?>) second.get("items"));
            assertThat(paged).isEqualTo(reversed.subList(0, paged.size()));
            assertThat(events("?limit=500&sort=occurredAt", admin)).isEqualTo(oldestFirst);
            http.get(EVENTS + "?sort=-occurredAt&cursor=" + page("?limit=1").get("nextCursor"), admin).assertValidationFailed("cursor");
        }

        @Test
        void badFiltersAreRejected() {
            http.get(EVENTS + "?sort=sequence", admin).assertValidationFailed("sort");
            http.get(EVENTS + "?userId=nope", admin).assertValidationFailed("userId");
            http.get(EVENTS + "?action=user.exploded", admin).assertValidationFailed("action");
            http.get(EVENTS + "?from=yesterday", admin).assertValidationFailed("from");
            http.get(EVENTS + "?limit=0", admin).assertValidationFailed("limit");
            http.get(EVENTS + "?cursor=garbage", admin).assertValidationFailed("cursor");
        }
    }

    @Nested
    class Verification {
        @Test
        void anIntactChainVerifies() {
            createDistinctiveUser();
            Map<String, Object> result = read(EVENTS + "/verify", admin);

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

            Map<String, Object> result = read(EVENTS + "/verify", admin);

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

            Map<String, Object> result = read(EVENTS + "/verify", admin);

            assertThat(result.get("valid")).isEqualTo(false);
            assertThat(((Number) result.get("firstBrokenSequence")).longValue()).isEqualTo(last);
        }

        @Test
        void twoRowsSwappedInTheDatabaseAreDetected() {
            createDistinctiveUser();
            http.post("/api/v1/users/" + createDistinctiveUserNamed("swap@example.org") + "/deactivate", admin).assertStatus(200);
            // swap the contents of events 2 and 3 (sequence is the key): the order of the trail changes, the hashes stay
            transactions.executeWrite(status -> {
                jdbc.prepareStatement("UPDATE audit_events SET sequence = -2 WHERE sequence = 2", statement -> statement.executeUpdate());
                jdbc.prepareStatement("UPDATE audit_events SET sequence = 2 WHERE sequence = 3", statement -> statement.executeUpdate());
                jdbc.prepareStatement("UPDATE audit_events SET sequence = 3 WHERE sequence = -2", statement -> statement.executeUpdate());
                return null;
            });

            Map<String, Object> result = read(EVENTS + "/verify", admin);

            assertThat(result.get("valid")).isEqualTo(false);
            assertThat(((Number) result.get("firstBrokenSequence")).longValue()).isEqualTo(2);
        }

        @Test
        void eventsWrittenByConcurrentRequestsAllVerify() throws Exception {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int n = i;
                    writes.add(pool.submit(() -> createDistinctiveUserNamed("parallel-" + n + "@example.org")));
                }
                for (java.util.concurrent.Future<?> write : writes) {
                    write.get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            Map<String, Object> result = read(EVENTS + "/verify", admin);

            assertThat(result.get("valid")).isEqualTo(true);
            assertThat(((Number) result.get("checked")).longValue()).isEqualTo(events("?limit=500", admin).size()).isGreaterThanOrEqualTo(40);
        }

        @Test
        void anEditedClientAddressIsDetected() {
            createDistinctiveUser();
            long edited = sequenceOfTheUserCreation();
            sql("UPDATE audit_events SET client_address = '192.0.2.1' WHERE sequence = ?", edited);

            assertBrokenAt(edited, "does not match its commitment");
        }

        @Test
        void aChangedAddressCommitmentIsDetected() {
            createDistinctiveUser();
            long changed = sequenceOfTheUserCreation();
            long login = ((Number) events("?action=login.succeeded&limit=500", admin).get(0).get("sequence")).longValue();
            // the commitment of another event to the same address, with its salt: consistent, but not what the chain hashed
            sql("UPDATE audit_events SET client_address_commitment = (SELECT client_address_commitment FROM audit_events "
                    + "WHERE sequence = " + login + "), client_address_salt = (SELECT client_address_salt FROM audit_events "
                    + "WHERE sequence = " + login + ") WHERE sequence = ?", changed);

            assertBrokenAt(changed, "content does not match its hash");
        }

        @Test
        void anAddressGivenToAnEventThatHadNoneIsDetected() {
            createDistinctiveUser();
            Map<String, Object> first = events("?limit=1", admin).get(0);
            assertThat(first.get("actorId")).as("the first administrator, created by the system").isNull();
            assertThat(first.get("clientAddress")).isNull();
            sql("UPDATE audit_events SET client_address = '192.0.2.1' WHERE sequence = ?", 1);

            assertBrokenAt(1, "has no commitment");
        }

        @Test
        void anAddressClearedWithoutItsSaltIsDetected() {
            createDistinctiveUser();
            long cleared = sequenceOfTheUserCreation();
            sql("UPDATE audit_events SET client_address = NULL WHERE sequence = ?", cleared);

            assertBrokenAt(cleared, "cleared but not the salt");
        }

        @Test
        void anAddressClearedWithItsSaltAsRosterClearsOneStillVerifies() {
            createDistinctiveUser();
            sql("UPDATE audit_events SET client_address = NULL, client_address_salt = NULL WHERE sequence = ?", sequenceOfTheUserCreation());

            Map<String, Object> result = read(EVENTS + "/verify", admin);

            assertThat(result.get("valid")).isEqualTo(true);
        }

        private long sequenceOfTheUserCreation() {
            List<Map<String, Object>> created = events("?action=user.created&limit=500", admin);
            Map<String, Object> last = created.get(created.size() - 1);
            assertThat(last.get("clientAddress")).isNotNull();
            return ((Number) last.get("sequence")).longValue();
        }

        private void sql(String update, long sequence) {
            transactions.executeWrite(status -> jdbc.prepareStatement(update, statement -> {
                statement.setLong(1, sequence);
                return statement.executeUpdate();
            }));
        }

        private void assertBrokenAt(long sequence, String problem) {
            Map<String, Object> result = read(EVENTS + "/verify", admin);

            assertThat(result.get("valid")).isEqualTo(false);
            assertThat(((Number) result.get("firstBrokenSequence")).longValue()).isEqualTo(sequence);
            assertThat(((Number) result.get("checked")).longValue()).isEqualTo(sequence - 1);
            assertThat((String) result.get("problem")).contains(problem);
        }

        @Test
        void aDeletedRowIsDetected() {
            createDistinctiveUser();
            transactions.executeWrite(status -> jdbc.prepareStatement(
                    "DELETE FROM audit_events WHERE sequence = 2", statement -> statement.executeUpdate()));

            Map<String, Object> result = read(EVENTS + "/verify", admin);

            assertThat(result.get("valid")).isEqualTo(false);
            assertThat(((Number) result.get("firstBrokenSequence")).longValue()).isEqualTo(2);
        }
    }

    private String createDistinctiveUser() {
        Map<String, Object> body = Map.of("email", EMAIL, "displayName", NAME, "phone", PHONE,
                "attributes", Map.of("favourite", ATTRIBUTE_VALUE), "password", TestAccounts.PASSWORD);
        return http.send(HttpRequest.POST("/api/v1/users", body), admin).assertStatus(201).json().get("id").toString();
    }

    private String createDistinctiveUserNamed(String email) {
        return http.send(HttpRequest.POST("/api/v1/users", Map.of("email", email, "displayName", NAME)), admin)
                .assertStatus(201).json().get("id").toString();
    }

    private void login(String email, String password) {
        http.login(email, password);
    }

    private List<Map<String, Object>> events(String query, String token) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) read(EVENTS + (query.isEmpty() ? "?limit=500" : query), token).get("items");
        return items;
    }

    private Map<String, Object> page(String query) {
        return read(EVENTS + query, admin);
    }

    /** The body of a GET that must succeed. */
    private String raw(String path, String token) {
        return http.get(path, token).assertStatus(200).body();
    }

    /** The JSON object of a GET that must succeed. */
    private Map<String, Object> read(String path, String token) {
        return http.get(path, token).assertStatus(200).json();
    }
}
