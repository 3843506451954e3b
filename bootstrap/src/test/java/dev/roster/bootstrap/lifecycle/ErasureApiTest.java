package dev.roster.bootstrap.lifecycle;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.domain.user.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GDPR erasure over HTTP: preview, anonymization, receipts, legal hold, and that no original personal value survives
 * anywhere Roster keeps data (the user's rows, API responses, the audit trail).
 */
@MicronautTest(transactional = false)
class ErasureApiTest {
    private static final String USERS = "/api/v1/users";
    private static final String EMAIL = "zebulon.quixote@example.org";
    private static final String NAME = "Zebulon Quixote-Marchetti";
    private static final String PHONE = "+4915112345678";
    private static final String ATTRIBUTE = "blue-heron-7731";
    private static final String FILE_NAME = "zebulon-passport-scan.pdf";

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

    private String admin;

    @BeforeEach
    void start() {
        database.clear();
        admin = accounts.adminToken();
    }

    private String distinctiveUserWithAFile() {
        TestReply created = http.send(HttpRequest.POST(USERS, Map.of("email", EMAIL, "displayName", NAME, "phone", PHONE,
                "attributes", Map.of("favourite", ATTRIBUTE), "password", TestAccounts.PASSWORD)), admin);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").toString();
        assertThat(http.send(HttpRequest.POST(USERS + "/" + id + "/files",
                Map.of("name", FILE_NAME, "sizeBytes", 2048, "contentType", "application/pdf")), admin).status()).isEqualTo(201);
        return id;
    }

    @Nested
    class Preview {
        @Test
        void listsTheFieldsToEraseTheFilesToRemoveAndWhatIsKept() {
            String id = distinctiveUserWithAFile();

            Map<String, Object> preview = http.send(HttpRequest.GET(USERS + "/" + id + "/erasure-preview"), admin).json();

            assertThat((List<?>) preview.get("erases")).extracting(field -> (Object) ((Map<?, ?>) field).get("name"))
                    .containsExactly("email", "displayName", "phone", "attributes", "passwordHash");
            assertThat(preview.get("removes")).isEqualTo(Map.of("files", 1, "dataPackages", 0));
            assertThat((List<?>) preview.get("keeps")).isNotEmpty();
            assertThat(preview.get("legalHold")).isEqualTo(false);
            assertThat(http.send(HttpRequest.GET(USERS + "/" + id), admin).body()).contains(EMAIL); // a dry run changes nothing
        }

        @Test
        void nothingLeftToEraseIsAnEmptyListNotAMissingMember() {
            String id = distinctiveUserWithAFile();
            http.send(HttpRequest.POST(USERS + "/" + id + "/anonymize", ""), admin).assertStatus(200);

            Map<String, Object> preview = http.send(HttpRequest.GET(USERS + "/" + id + "/erasure-preview"), admin).assertStatus(200).json();

            assertThat(preview).containsEntry("erases", List.of()).containsEntry("removes", Map.of("files", 0, "dataPackages", 0));
        }
    }

    @Nested
    class Anonymize {
        @Test
        void leavesNoOriginalPersonalValueInTheRowsTheApiTheDataPackageOrTheAuditTrail() {
            String id = distinctiveUserWithAFile();

            TestReply reply = http.send(HttpRequest.POST(USERS + "/" + id + "/anonymize", ""), admin);

            assertThat(reply.status()).isEqualTo(200);
            String everything = rowsOf(id) + http.send(HttpRequest.GET(USERS + "/" + id), admin).body()
                    + http.send(HttpRequest.GET(USERS + "?status=ALL&limit=500"), admin).body()
                    + http.send(HttpRequest.GET(USERS + "/" + id + "/files"), admin).body()
                    + http.send(HttpRequest.GET("/api/v1/audit-events?limit=500"), admin).body()
                    + http.send(HttpRequest.GET(USERS + "/" + id + "/export"), admin).body()
                    + reply.body();
            for (String personal : List.of(EMAIL, "zebulon.quixote", "Zebulon", "Quixote", PHONE, ATTRIBUTE, FILE_NAME, "$argon2")) {
                assertThat(everything).as("no trace of %s", personal).doesNotContainIgnoringCase(personal);
            }
            Map<String, Object> user = http.send(HttpRequest.GET(USERS + "/" + id), admin).json();
            assertThat(user.get("status")).isEqualTo("ANONYMIZED");
            assertThat(user.get("email").toString()).endsWith(".invalid");
        }

        @Test
        void returnsAStoredReceiptAndARepeatReturnsTheSameOne() {
            String id = distinctiveUserWithAFile();

            Map<String, Object> receipt = http.send(HttpRequest.POST(USERS + "/" + id + "/anonymize", ""), admin).json();
            Map<String, Object> again = http.send(HttpRequest.POST(USERS + "/" + id + "/anonymize", ""), admin).json();
            Map<String, Object> stored = http.send(HttpRequest.GET("/api/v1/erasure-receipts/" + receipt.get("id")), admin).json();

            assertThat(again).isEqualTo(receipt);
            assertThat(stored).isEqualTo(receipt);
            assertThat(receipt.get("userId")).isEqualTo(id);
            assertThat(receipt.get("erasedFields")).isEqualTo(List.of("email", "displayName", "phone", "attributes", "passwordHash"));
            assertThat(receipt.get("removed")).isEqualTo(Map.of("files", 1, "dataPackages", 0));
            assertThat(http.send(HttpRequest.GET("/api/v1/audit-events?action=user.anonymized&userId=" + id), admin).body())
                    .containsOnlyOnce("user.anonymized");
        }

        @Test
        void theErasedUserCannotLogInItsTokenDiesAndItsAddressIsFreeAgain() {
            String token = accounts.tokenFor(EMAIL);
            String id = http.send(HttpRequest.GET("/api/v1/me"), token).json().get("id").toString();

            http.send(HttpRequest.POST(USERS + "/" + id + "/anonymize", ""), admin);

            http.send(HttpRequest.GET("/api/v1/me"), token).assertUnauthorized();
            http.send(HttpRequest.POST("/login", Map.of("username", EMAIL, "password", TestAccounts.PASSWORD)), null).assertUnauthorized();
            assertThat(http.send(HttpRequest.POST(USERS, Map.of("email", EMAIL)), admin).status()).isEqualTo(201);
        }

        @Test
        void theLastActiveAdministratorCannotBeErased() {
            String adminId = http.send(HttpRequest.GET("/api/v1/me"), admin).json().get("id").toString();

            TestReply reply = http.send(HttpRequest.POST(USERS + "/" + adminId + "/anonymize", ""), admin);

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.body()).contains("/problems/last-admin");
        }

        @Test
        void unknownUsersAndReceiptsAreNotFound() {
            http.send(HttpRequest.POST(USERS + "/01a20000-0000-7000-8000-000000000000/anonymize", ""), admin).assertNotFound();
            http.send(HttpRequest.GET("/api/v1/erasure-receipts/01a20000-0000-7000-8000-000000000000"), admin).assertNotFound();
            http.send(HttpRequest.GET("/api/v1/erasure-receipts/nope"), admin).assertValidationFailed("receiptId");
        }
    }

    @Nested
    class ReceiptFromTheUser {
        @Test
        void theErasureReceiptIsFoundFromTheUserOnceErased() {
            String id = distinctiveUserWithAFile();
            http.send(HttpRequest.GET(USERS + "/" + id + "/erasure-receipt"), admin).assertProblem(404, "not-found");

            Map<String, Object> receipt = http.send(HttpRequest.POST(USERS + "/" + id + "/anonymize", ""), admin).assertStatus(200).json();

            assertThat(http.send(HttpRequest.GET(USERS + "/" + id + "/erasure-receipt"), admin).assertStatus(200).json())
                    .isEqualTo(receipt);
            assertThat(http.send(HttpRequest.GET(USERS + "/" + id), admin).json()).containsEntry("receiptId", receipt.get("id"));
        }
    }

    @Nested
    class LegalHold {
        @Test
        void blocksErasureAndPurgeUntilLifted() {
            String id = distinctiveUserWithAFile();
            assertThat(http.send(HttpRequest.PUT(USERS + "/" + id + "/legal-hold", Map.of("reason", "pending litigation")), admin).status())
                    .isEqualTo(204);

            TestReply erase = http.send(HttpRequest.POST(USERS + "/" + id + "/anonymize", ""), admin);
            TestReply purge = http.send(HttpRequest.DELETE(USERS + "/" + id + "?hard=true&cascade=true"), admin);

            assertThat(erase.status()).isEqualTo(409);
            assertThat(erase.body()).contains("/problems/legal-hold");
            assertThat(purge.status()).isEqualTo(409);
            purge.assertProblem(409, "legal-hold");
            assertThat(http.send(HttpRequest.GET(USERS + "/" + id + "/erasure-preview"), admin).json().get("legalHold")).isEqualTo(true);
            assertThat(http.send(HttpRequest.GET(USERS + "/" + id), admin).body()).contains(EMAIL);

            assertThat(http.send(HttpRequest.DELETE(USERS + "/" + id + "/legal-hold"), admin).status()).isEqualTo(204);
            assertThat(http.send(HttpRequest.POST(USERS + "/" + id + "/anonymize", ""), admin).status()).isEqualTo(200);
        }

        @Test
        void isVisibleFromTheUserWhileItStands() {
            String id = distinctiveUserWithAFile();
            http.send(HttpRequest.GET(USERS + "/" + id + "/legal-hold"), admin).assertProblem(404, "not-found");

            http.send(HttpRequest.PUT(USERS + "/" + id + "/legal-hold", Map.of("reason", "pending litigation")), admin).assertStatus(204);

            assertThat(http.send(HttpRequest.GET(USERS + "/" + id), admin).json()).containsEntry("legalHold", true)
                    .containsEntry("receiptId", null);
            Map<String, Object> hold = http.send(HttpRequest.GET(USERS + "/" + id + "/legal-hold"), admin).assertStatus(200).json();
            assertThat(hold).containsEntry("userId", id).containsEntry("reason", "pending litigation")
                    .containsKey("placedAt").containsKey("placedBy");
            http.send(HttpRequest.DELETE(USERS + "/" + id + "/legal-hold"), admin).assertStatus(204);
            http.send(HttpRequest.GET(USERS + "/" + id + "/legal-hold"), admin).assertProblem(404, "not-found");
            assertThat(http.send(HttpRequest.GET(USERS + "/" + id), admin).json()).containsEntry("legalHold", false);
            http.send(HttpRequest.GET(USERS + "/019b76da-a800-7000-8000-00000000dead/legal-hold"), admin).assertProblem(404, "not-found");
        }

        @Test
        void cannotBePlacedOnAnAnonymizedUser() {
            String id = distinctiveUserWithAFile();
            assertThat(http.send(HttpRequest.POST(USERS + "/" + id + "/anonymize", ""), admin).status()).isEqualTo(200);

            http.send(HttpRequest.PUT(USERS + "/" + id + "/legal-hold", Map.of("reason", "too late")), admin)
                    .assertProblem(409, "invalid-state");
            assertThat(http.send(HttpRequest.GET(USERS + "/" + id + "/erasure-preview"), admin).json().get("legalHold"))
                    .isEqualTo(false);
        }

        @Test
        void needsAReasonWhichStaysOutOfTheAuditTrail() {
            String id = distinctiveUserWithAFile();

            http.send(HttpRequest.PUT(USERS + "/" + id + "/legal-hold", Map.of("reason", " ")), admin).assertValidationFailed("reason");
            http.send(HttpRequest.PUT(USERS + "/" + id + "/legal-hold", Map.of("reason", "subpoena 4711-zebulon")), admin);

            assertThat(http.send(HttpRequest.GET("/api/v1/audit-events?userId=" + id), admin).body())
                    .contains("user.legal-hold-placed").doesNotContain("subpoena");
        }
    }

    /** Every column of every row Roster keeps about the user, as text. */
    private String rowsOf(String id) {
        StringBuilder text = new StringBuilder();
        for (String query : List.of("SELECT * FROM users WHERE id = ?", "SELECT * FROM user_roles WHERE user_id = ?",
                "SELECT * FROM user_attributes WHERE user_id = ?", "SELECT * FROM user_files WHERE owner_id = ?",
                "SELECT * FROM erasure_receipts WHERE user_id = ?", "SELECT * FROM audit_events WHERE target_user_id = ?")) {
            String rowsText = transactions.executeRead(status -> jdbc.prepareStatement(query, statement -> {
                statement.setObject(1, java.util.UUID.fromString(id));
                StringBuilder rows = new StringBuilder();
                try (ResultSet row = statement.executeQuery()) {
                    ResultSetMetaData columns = row.getMetaData();
                    while (row.next()) {
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            rows.append(row.getString(i)).append('|');
                        }
                        rows.append('\n');
                    }
                }
                return rows.toString();
            }));
            text.append(rowsText);
        }
        return text.toString();
    }


}
