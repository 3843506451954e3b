package dev.roster.bootstrap.privacy;

import dev.roster.adapters.out.privacy.FileErasureLedger;
import dev.roster.application.port.in.lifecycle.SoftDeleteUserUseCase;
import dev.roster.application.service.erasure.ErasureService;
import dev.roster.application.service.privacy.ErasureLedgerRecorder;
import dev.roster.bootstrap.RowBackup;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The erasure ledger end to end on the configured database (H2, or PostgreSQL): every kind of erasure is in the file
 * when its call returns; a user whose rows a "restore" put back as they were before the erasure is erased again by
 * {@code POST /api/v1/erasure-ledger/replay} with a new receipt and a {@code user.erasure_replayed} audit event;
 * replays are idempotent; damaged lines, absent users and an unreadable ledger are handled; only ADMIN may replay.
 */
@MicronautTest(transactional = false)
class ErasureLedgerApiTest {
    private static final String REPLAY = "/api/v1/erasure-ledger/replay";
    private static final String EMAIL = "ottoline.vandersloot@example.org";
    private static final String NAME = "Ottoline Vandersloot";
    private static final String PHONE = "+4915155512345";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient http;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    FileErasureLedger ledger;
    @Inject
    ErasureLedgerRecorder recorder;
    @Inject
    ErasureService erasure;
    @Inject
    SoftDeleteUserUseCase softDelete;
    @Inject
    JsonMapper json;

    private String admin;

    @BeforeEach
    void anEmptyDatabaseAndAnEmptyLedger() throws IOException {
        database.clear();
        recorder.catchUp(); // waits for a catch-up of the background thread that may still hold the last test's erasures
        Files.deleteIfExists(ledger.path());
        admin = accounts.adminToken();
    }

    private String distinctiveUserWithAFile() {
        TestReply created = http.send(HttpRequest.POST("/api/v1/users", Map.of("email", EMAIL, "displayName", NAME, "phone", PHONE,
                "password", TestAccounts.PASSWORD)), admin).assertStatus(201);
        String id = created.json().get("id").toString();
        http.send(HttpRequest.POST("/api/v1/users/" + id + "/files", Map.of("name", "ottoline-cv.pdf", "sizeBytes", 10,
                "contentType", "application/pdf")), admin).assertStatus(201);
        return id;
    }

    private String anonymize(String id) {
        return http.post("/api/v1/users/" + id + "/anonymize", admin).assertStatus(200).json().get("id").toString();
    }

    private List<Map<String, Object>> ledgerLines() throws IOException {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : Files.readAllLines(ledger.path(), StandardCharsets.UTF_8)) {
            lines.add(json.readValue(line, Argument.mapOf(String.class, Object.class)));
        }
        return lines;
    }

    private RowBackup backupOf(String... ids) {
        return RowBackup.of(jdbc, transactions, java.util.Arrays.stream(ids).map(UUID::fromString).toList());
    }

    private String storedEmail(String id) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT email FROM users WHERE id = ?", statement -> {
            statement.setObject(1, UUID.fromString(id));
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }));
    }

    private Map<String, Object> replay() {
        return http.post(REPLAY, admin).assertStatus(200).json();
    }

    private static Map<String, Object> counts(int entriesRead, int skippedLines, int users, int alreadyErased, int reErased,
                                              int notFound, int legalHoldsLifted) {
        return Map.of("entriesRead", entriesRead, "skippedLines", skippedLines, "users", users, "alreadyErased", alreadyErased,
                "reErased", reErased, "notFound", notFound, "legalHoldsLifted", legalHoldsLifted);
    }

    @Nested
    class Recording {
        @Test
        void anAnonymizationIsInTheLedgerWhenItsAnswerArrivesWithNoPersonalData() throws IOException {
            String id = distinctiveUserWithAFile();

            String receipt = anonymize(id);

            List<Map<String, Object>> lines = ledgerLines();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).containsOnlyKeys("userId", "erasedAt", "receiptId")
                    .containsEntry("userId", id).containsEntry("receiptId", receipt);
            assertThat(Files.readString(ledger.path())).doesNotContain(EMAIL).doesNotContain("Vandersloot").doesNotContain(PHONE);
        }

        @Test
        void selfErasureAndRetentionAreRecordedToo() throws IOException {
            String token = accounts.tokenFor("erases-herself@roster.test");
            String self = http.idOf(token);
            String selfReceipt = http.send(HttpRequest.POST("/api/v1/me/erasure", Map.of("currentPassword", TestAccounts.PASSWORD)), token)
                    .assertStatus(200).json().get("id").toString();
            UserId retired = new UserId(accounts.createUser("retired@roster.test").id());
            softDelete.softDelete(retired);

            erasure.eraseExpiredBatch(Duration.ZERO, 10);

            assertThat(ledgerLines()).extracting(line -> line.get("userId"))
                    .containsExactlyInAnyOrder(self, retired.value().toString());
            assertThat(ledgerLines()).extracting(line -> line.get("receiptId")).contains(selfReceipt);
        }

        @Test
        void theLedgerOnlyGrows() throws IOException {
            String first = distinctiveUserWithAFile();
            anonymize(first);
            String before = Files.readString(ledger.path());
            String second = accounts.createUser("second@roster.test").id().toString();

            anonymize(second);
            anonymize(first); // a repeat returns the same receipt and adds nothing

            String after = Files.readString(ledger.path());
            assertThat(after).startsWith(before);
            assertThat(ledgerLines()).extracting(line -> line.get("userId")).containsExactly(first, second);
        }
    }

    @Nested
    class Replay {
        @Test
        void aUserARestoredBackupBroughtBackIsErasedAgainWithANewReceiptAndAReplayedEvent() {
            String id = distinctiveUserWithAFile();
            RowBackup backup = backupOf(id);
            String firstReceipt = anonymize(id);
            backup.restore();
            assertThat(storedEmail(id)).isEqualTo(EMAIL);

            Map<String, Object> report = replay();

            assertThat(report).isEqualTo(counts(1, 0, 1, 0, 1, 0, 0));
            assertThat(storedEmail(id)).isNotEqualTo(EMAIL);
            Map<String, Object> user = http.get("/api/v1/users/" + id, admin).assertStatus(200).json();
            assertThat(user.get("status")).isEqualTo("ANONYMIZED");
            String newReceipt = user.get("receiptId").toString();
            assertThat(newReceipt).isNotEqualTo(firstReceipt);
            Map<String, Object> receipt = http.get("/api/v1/erasure-receipts/" + newReceipt, admin).assertStatus(200).json();
            assertThat(receipt.get("removed")).isEqualTo(Map.of("files", 1, "dataPackages", 0));
            TestReply events = http.alsoForbidding(EMAIL, NAME, PHONE, "ottoline-cv")
                    .get("/api/v1/audit-events?action=user.erasure_replayed&userId=" + id, admin).assertStatus(200);
            assertThat(events.items()).hasSize(1);
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) events.items().get(0).get("details");
            assertThat(details).containsEntry("ledgerReceipt", firstReceipt).containsEntry("receipt", newReceipt)
                    .containsEntry("reason", "replay");
            assertThat(http.get("/api/v1/audit-events/verify", admin).assertStatus(200).json().get("valid")).isEqualTo(true);
        }

        @Test
        void theNewReceiptIsInTheLedgerWhenTheReportArrives() throws IOException {
            String id = distinctiveUserWithAFile();
            RowBackup backup = backupOf(id);
            String firstReceipt = anonymize(id);
            backup.restore();

            replay();

            String newReceipt = http.get("/api/v1/users/" + id, admin).json().get("receiptId").toString();
            assertThat(ledgerLines()).extracting(line -> line.get("receiptId")).containsExactly(firstReceipt, newReceipt);
        }

        @Test
        void isIdempotent() {
            String id = distinctiveUserWithAFile();
            RowBackup backup = backupOf(id);
            anonymize(id);
            backup.restore();
            replay();
            long replayedEvents = http.get("/api/v1/audit-events?action=user.erasure_replayed", admin).items().size();

            Map<String, Object> second = replay();

            assertThat(second).isEqualTo(counts(2, 0, 1, 1, 0, 0, 0));
            assertThat(http.get("/api/v1/audit-events?action=user.erasure_replayed", admin).items()).hasSize((int) replayedEvents);
        }

        @Test
        void leavesUsersTheRestoreDidNotBringBackAndEveryoneElseAlone() {
            String restored = distinctiveUserWithAFile();
            String stillErased = accounts.createUser("still-erased@roster.test").id().toString();
            String bystander = accounts.createUser("bystander@roster.test").id().toString();
            RowBackup backup = backupOf(restored);
            anonymize(restored);
            anonymize(stillErased);
            backup.restore();
            Map<String, Object> bystanderBefore = http.get("/api/v1/users/" + bystander, admin).json();

            Map<String, Object> report = replay();

            assertThat(report).isEqualTo(counts(2, 0, 2, 1, 1, 0, 0));
            assertThat(http.get("/api/v1/users/" + bystander, admin).json()).isEqualTo(bystanderBefore);
        }

        @Test
        void countsUsersThatAreNotInTheDatabaseAndCreatesNone() throws IOException {
            String nobody = UUID.randomUUID().toString();
            Files.createDirectories(ledger.path().getParent());
            Files.writeString(ledger.path(), "{\"userId\":\"" + nobody + "\",\"erasedAt\":\"2026-01-01T00:00:00Z\",\"receiptId\":\""
                    + UUID.randomUUID() + "\"}\n", StandardCharsets.UTF_8);

            Map<String, Object> report = replay();

            assertThat(report).isEqualTo(counts(1, 0, 1, 0, 0, 1, 0));
            http.get("/api/v1/users/" + nobody, admin).assertStatus(404);
        }

        @Test
        void skipsAndCountsDamagedLinesAndATruncatedLastLine() throws IOException {
            String id = distinctiveUserWithAFile();
            RowBackup backup = backupOf(id);
            anonymize(id);
            backup.restore();
            Files.writeString(ledger.path(), "not json at all\n{\"userId\":\"" + id + "\",\"erasedAt\":\"20",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);

            Map<String, Object> report = replay();

            assertThat(report).isEqualTo(counts(1, 2, 1, 0, 1, 0, 0));
            assertThat(http.get("/api/v1/users/" + id, admin).json().get("status")).isEqualTo("ANONYMIZED");
        }

        @Test
        void liftsALegalHoldPlacedOnTheRestoredUser() {
            String id = distinctiveUserWithAFile();
            RowBackup backup = backupOf(id);
            anonymize(id);
            backup.restore();
            http.putJson("/api/v1/users/" + id + "/legal-hold", "{\"reason\":\"placed on the restored copy\"}", admin).assertStatus(204);

            Map<String, Object> report = replay();

            assertThat(report).isEqualTo(counts(1, 0, 1, 0, 1, 0, 1));
            http.get("/api/v1/users/" + id + "/legal-hold", admin).assertStatus(404);
            assertThat(http.get("/api/v1/users/" + id, admin).json().get("status")).isEqualTo("ANONYMIZED");
        }

        @Test
        void anUnreadableLedgerIsAServiceUnavailableProblemAndChangesNothing() throws IOException {
            String id = distinctiveUserWithAFile();
            RowBackup backup = backupOf(id);
            anonymize(id);
            backup.restore();
            Path file = ledger.path();
            Path aside = file.resolveSibling(file.getFileName() + ".aside");
            Files.move(file, aside);
            Files.createDirectories(file); // a directory where the file should be
            try {
                TestReply reply = http.post(REPLAY, admin);

                reply.assertStatus(503);
                assertThat(reply.json().get("type")).isEqualTo("/problems/service-unavailable");
                assertThat(storedEmail(id)).isEqualTo(EMAIL);
            } finally {
                Files.delete(file);
                Files.move(aside, file);
            }
        }
    }

    @Nested
    class Access {
        @Test
        void onlyAnAdministratorMayReplay() {
            String auditor = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);
            String user = accounts.tokenFor("plain@roster.test");

            http.post(REPLAY, null).assertStatus(401);
            http.post(REPLAY, auditor).assertStatus(403);
            http.post(REPLAY, user).assertStatus(403);
            http.post(REPLAY, admin).assertStatus(200);
        }

        @Test
        void otherMethodsAreNotAllowed() {
            http.get(REPLAY, admin).assertStatus(405);
        }
    }
}
