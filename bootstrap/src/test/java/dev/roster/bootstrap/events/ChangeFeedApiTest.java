package dev.roster.bootstrap.events;

import dev.roster.application.port.out.events.ChangeEventLog;
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
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The change feed over HTTP (SPEC §6): what is published, in which order, without personal data; reading and waiting. */
@MicronautTest(transactional = false)
class ChangeFeedApiTest {
    private static final String FEED = "/api/v1/events";
    private static final String USERS = "/api/v1/users";
    private static final String EMAIL = "ottoline.vasquez-brandt@example.org";
    private static final String NAME = "Ottoline Vasquez-Brandt";
    private static final String PHONE = "+4915187654321";
    private static final String ATTRIBUTE_VALUE = "violet-lynx-5309";

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
    @Inject
    ChangeEventLog changeEvents;

    private String admin;

    @BeforeEach
    void startFromAnEmptyFeed() {
        database.clear();
        admin = accounts.adminToken();
    }

    @Nested
    class Publishing {
        @Test
        void everyKindOfChangeIsPublishedOnceInTheOrderOfTheUsersChanges() {
            String id = createDistinctiveUser();
            http.send(HttpRequest.PATCH(USERS + "/" + id, Map.of("displayName", "Someone Else", "phone", "+4915100000000"))
                    .contentType(TestClient.MERGE_PATCH_JSON), admin).assertStatus(200);
            http.put(USERS + "/" + id + "/roles/AUDITOR", admin).assertStatus(204);
            http.delete(USERS + "/" + id + "/roles/AUDITOR", admin).assertStatus(204);
            http.post(USERS + "/" + id + "/deactivate", admin).assertStatus(200);
            http.post(USERS + "/" + id + "/reactivate", admin).assertStatus(200);
            http.send(HttpRequest.PUT(USERS + "/" + id + "/legal-hold", Map.of("reason", "litigation about " + NAME)), admin).assertStatus(204);
            http.delete(USERS + "/" + id + "/legal-hold", admin).assertStatus(204);
            http.delete(USERS + "/" + id, admin).assertStatus(204);
            http.post(USERS + "/" + id + "/restore", admin).assertStatus(200);
            http.send(HttpRequest.POST(USERS + "/" + id + "/anonymize", ""), admin).assertStatus(200);
            http.send(HttpRequest.DELETE(USERS + "/" + id + "?hard=true&cascade=true"), admin).assertStatus(204);

            List<Map<String, Object>> events = items(FEED + "?userId=" + id);

            assertThat(events).extracting(event -> event.get("type")).containsExactly("user.created", "user.updated",
                    "user.roles_changed", "user.roles_changed", "user.deactivated", "user.reactivated",
                    "user.legal_hold_placed", "user.legal_hold_lifted", "user.deleted", "user.restored", "user.anonymized",
                    "user.purged");
            assertThat(events).allSatisfy(event -> {
                assertThat(event.get("userId")).isEqualTo(id);
                assertThat(event.get("id").toString()).matches("[0-9a-f-]{36}");
                assertThat(Instant.parse(event.get("occurredAt").toString())).isBefore(Instant.now().plusSeconds(1));
            });
            assertThat(events).extracting(event -> ((Number) event.get("position")).longValue()).isSorted().doesNotHaveDuplicates();
            assertThat(data(events.get(0))).containsEntry("status", "ACTIVE").containsEntry("roles", List.of("USER"));
            assertThat(data(events.get(1))).containsEntry("changed", List.of("displayName", "phone"));
            assertThat(data(events.get(2))).containsEntry("roles", List.of("AUDITOR", "USER")).containsEntry("granted", "AUDITOR");
            assertThat(data(events.get(3))).containsEntry("roles", List.of("USER")).containsEntry("revoked", "AUDITOR");
            assertThat(data(events.get(4))).containsEntry("status", "DEACTIVATED");
            assertThat(data(events.get(8))).containsEntry("status", "DELETED");
            assertThat(data(events.get(10))).containsEntry("status", "ANONYMIZED").containsKey("receiptId");
        }

        @Test
        void noEventHoldsAnyPersonalValueNeitherInTheFeedNorInTheDatabase() {
            String id = createDistinctiveUser();
            http.send(HttpRequest.PATCH(USERS + "/" + id, Map.of("phone", "+4915199990000", "attributes", Map.of("colour", "amber-newt-8812")))
                    .contentType(TestClient.MERGE_PATCH_JSON), admin).assertStatus(200);
            http.send(HttpRequest.PUT(USERS + "/" + id + "/password", Map.of("password", "yet another long password")), admin).assertStatus(204);
            http.send(HttpRequest.PUT(USERS + "/" + id + "/legal-hold", Map.of("reason", "hold for " + NAME)), admin).assertStatus(204);
            http.send(HttpRequest.PUT(USERS + "/by-email/" + EMAIL, Map.of("displayName", "Ottoline V.")), admin).assertStatus(200);

            String feed = http.get(FEED + "?limit=1000", admin).assertStatus(200).body();
            String stored = storedEventText();

            assertThat(items(FEED + "?limit=1000")).hasSizeGreaterThanOrEqualTo(5);
            for (String personal : List.of(EMAIL, "ottoline", "Vasquez", PHONE, "+4915199990000", ATTRIBUTE_VALUE,
                    "amber-newt-8812", "yet another long password", "$argon2", "Ottoline V.")) {
                assertThat(feed).as("feed must not contain %s", personal).doesNotContainIgnoringCase(personal);
                assertThat(stored).as("stored events must not contain %s", personal).doesNotContainIgnoringCase(personal);
            }
        }

        @Test
        void aChangeThatFailsPublishesNothing() {
            createDistinctiveUser();
            long before = items(FEED + "?limit=1000").size();

            http.send(HttpRequest.POST(USERS, Map.of("email", EMAIL.toUpperCase())), admin).assertProblem(409, "email-taken");
            TestReply atomicBulk = http.send(HttpRequest.POST(USERS + "/bulk?atomic=true", Map.of("operations", List.of(
                    Map.of("op", "create", "user", Map.of("email", "fresh-one@example.org")),
                    Map.of("op", "create", "user", Map.of("email", EMAIL))))), admin);

            assertThat(atomicBulk.status()).isGreaterThanOrEqualTo(400);
            assertThat(items(FEED + "?limit=1000")).hasSize((int) before);
            assertThat(countRows("change_events_pending")).isZero();
        }

        @Test
        void anImportPublishesOneEventPerAppliedRow() {
            createDistinctiveUser();
            String csv = "email,displayName\n"
                    + "imported-1@example.org,First\n"
                    + "imported-2@example.org,Second\n"
                    + EMAIL + ",New Name\n"
                    + "not-an-email,Broken\n";

            http.send(HttpRequest.POST("/api/v1/users/import?onConflict=update", csv).contentType("text/csv"), admin)
                    .assertStatus(200);

            List<Map<String, Object>> events = items(FEED + "?limit=1000&type=user.created,user.updated");
            assertThat(events).extracting(event -> event.get("type"))
                    .containsExactlyInAnyOrder("user.created", "user.created", "user.created", "user.created", "user.updated");
            // the first administrator, the distinctive user, then the two imported rows
        }
    }

    @Nested
    class Reading {
        @Test
        void nextContinuesWhereThePageEndedAndIsAfterItselfWhenNothingIsNew() {
            for (int i = 0; i < 5; i++) {
                accounts.createUser("paged-" + i + "@example.org");
            }
            List<Map<String, Object>> all = items(FEED + "?limit=1000");
            Map<String, Object> first = read(FEED + "?limit=2");
            long next = ((Number) first.get("next")).longValue();
            Map<String, Object> second = read(FEED + "?limit=1000&after=" + next);
            long end = ((Number) second.get("next")).longValue();

            List<Object> paged = new ArrayList<>((List<?>) first.get("items"));
            paged.addAll((List<?>) second.get("items"));
            assertThat(paged).isEqualTo(all);
            assertThat(next).isEqualTo(((Number) all.get(1).get("position")).longValue());
            assertThat(end).isEqualTo(((Number) all.get(all.size() - 1).get("position")).longValue());
            assertThat(read(FEED + "?after=" + end)).containsEntry("items", List.of()).containsEntry("next", (int) end);
        }

        @Test
        void filtersByTypeAndUser() {
            String id = createDistinctiveUser();
            accounts.createUser("other@example.org");
            http.post(USERS + "/" + id + "/deactivate", admin).assertStatus(200);

            assertThat(items(FEED + "?type=user.deactivated")).extracting(event -> event.get("userId")).containsExactly(id);
            assertThat(items(FEED + "?type=user.created,user.deactivated&userId=" + id)).extracting(event -> event.get("type"))
                    .containsExactly("user.created", "user.deactivated");
        }

        @Test
        void aLongPollAnswersSoonAfterTheNextEventNotAtTheEndOfItsWait() throws Exception {
            long end = ((Number) read(FEED).get("next")).longValue();
            long started = System.nanoTime();
            CompletableFuture<Map<String, Object>> waiting = CompletableFuture.supplyAsync(() -> read(FEED + "?wait=20&after=" + end));
            Thread.sleep(500);
            assertThat(waiting).isNotDone();

            long created = System.nanoTime();
            accounts.createUser("awaited@example.org");
            Map<String, Object> answer = waiting.get(10, TimeUnit.SECONDS);
            long answered = System.nanoTime();

            assertThat((List<?>) answer.get("items")).hasSize(1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(answered - started)).as("answered long before the 20 s wait").isLessThan(10_000);
            assertThat(TimeUnit.NANOSECONDS.toMillis(answered - created)).as("ms from the commit to the answer").isLessThan(5_000);
        }

        @Test
        void aWaitWithNothingNewAnswersEmptyAfterItsTime() {
            long end = ((Number) read(FEED).get("next")).longValue();
            long started = System.nanoTime();

            Map<String, Object> answer = read(FEED + "?wait=1&after=" + end);

            assertThat(answer).containsEntry("items", List.of());
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(900);
        }

        @Test
        void aCursorOlderThanTheRetentionIsGone() {
            for (int i = 0; i < 3; i++) {
                accounts.createUser("old-" + i + "@example.org");
            }
            long end = ((Number) read(FEED).get("next")).longValue();
            transactions.executeWrite(status -> changeEvents.pruneBefore(Instant.now().plusSeconds(60), 2));

            http.get(FEED + "?after=0", admin).assertProblem(410, "cursor-expired");
            http.get(FEED + "?after=1", admin).assertProblem(410, "cursor-expired");
            assertThat(items(FEED + "?after=2")).hasSize((int) end - 2);
            assertThat(items(FEED)).as("without after: from the oldest kept").hasSize((int) end - 2);
        }

        @Test
        void adminsAndAuditorsMayReadButUsersMayNot() {
            String auditor = accounts.tokenFor("auditor@example.org", Role.AUDITOR);
            String user = accounts.tokenFor("user@example.org");

            http.get(FEED, auditor).assertStatus(200);
            http.get(FEED, user).assertForbidden();
            http.get(FEED, null).assertUnauthorized();
        }

        @Test
        void badParametersAreRejected() {
            http.get(FEED + "?after=-1", admin).assertValidationFailed("after");
            http.get(FEED + "?after=abc", admin).assertValidationFailed("after");
            http.get(FEED + "?limit=0", admin).assertValidationFailed("limit");
            http.get(FEED + "?limit=1001", admin).assertValidationFailed("limit");
            http.get(FEED + "?type=user.exploded", admin).assertValidationFailed("type");
            http.get(FEED + "?type=user.created,", admin).assertValidationFailed("type");
            http.get(FEED + "?userId=nope", admin).assertValidationFailed("userId");
            http.get(FEED + "?wait=31", admin).assertValidationFailed("wait");
            http.get(FEED + "?wait=1.5", admin).assertValidationFailed("wait");
            http.get(FEED + "?cursor=x", admin).assertStatus(400);
        }
    }

    private String createDistinctiveUser() {
        Map<String, Object> body = Map.of("email", EMAIL, "displayName", NAME, "phone", PHONE,
                "attributes", Map.of("favourite", ATTRIBUTE_VALUE), "password", TestAccounts.PASSWORD);
        return http.send(HttpRequest.POST(USERS, body), admin).assertStatus(201).json().get("id").toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String path) {
        return (List<Map<String, Object>>) read(path).get("items");
    }

    private Map<String, Object> read(String path) {
        return http.get(path, admin).assertStatus(200).json();
    }

    /** Every column of every stored change event, placed or pending, as one text. */
    private String storedEventText() {
        StringBuilder all = new StringBuilder();
        for (String table : List.of("change_events", "change_events_pending")) {
            transactions.executeRead(status -> jdbc.prepareStatement("SELECT * FROM " + table, statement -> {
                try (ResultSet rows = statement.executeQuery()) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            all.append(rows.getString(i)).append('|');
                        }
                        all.append('\n');
                    }
                }
                return null;
            }));
        }
        return all.toString();
    }

    private long countRows(String table) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT COUNT(*) FROM " + table, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }));
    }
}
