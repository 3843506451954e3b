package dev.roster.bootstrap.imports;

import static dev.roster.bootstrap.imports.Imports.CSV;
import static dev.roster.bootstrap.imports.Imports.IMPORT;
import static dev.roster.bootstrap.imports.Imports.NDJSON;
import static dev.roster.bootstrap.imports.Imports.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.bootstrap.TestRequests;
import dev.roster.domain.user.Role;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/users/import} on the real database, with batches of 2 rows so that every file spans several
 * batches (and so several transactions and audit events).
 */
@MicronautTest(transactional = false)
@Property(name = "roster.import.batch-size", value = "2")
class ImportApiTest {
    private static final String USERS = "/api/v1/users";
    private static final String EXPORT_FIELDS = "email,displayName,phone,attributes,roles,createdAt";

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

    private Imports api;
    private String admin;

    @BeforeEach
    void start() {
        database.clear();
        api = new Imports(http);
        admin = accounts.adminToken();
    }

    private TestReply csv(String body, String... parameters) {
        return api.csv(admin, body, parameters);
    }

    private TestReply ndjson(String body, String... parameters) {
        return api.ndjson(admin, body, parameters);
    }


    /** The export (JSON) of the users whose email or name contains {@code q}, in creation order. */
    private List<Map<String, Object>> exported(String q) {
        TestReply reply = http.send(HttpRequest.GET(TestRequests.uri(USERS + "/export", "format", "json", "fields", EXPORT_FIELDS, "q", q)), admin);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.jsonArray();
    }

    /** The one user with this email, as the API shows it. */
    private Map<String, Object> user(String email) {
        TestReply reply = http.send(HttpRequest.GET(TestRequests.uri(USERS, "q", email)), admin);
        List<?> items = (List<?>) reply.json().get("items");
        assertThat(items).as("users matching %s", email).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> found = (Map<String, Object>) items.get(0);
        return found;
    }

    private static long version(Map<String, Object> user) {
        return ((Number) user.get("version")).longValue();
    }

    @Nested
    class Creating {
        @Test
        void aCsvImportCreatesTheUsersWithAllTheirFieldsAndReportsExactCounts() {
            TestReply answer = csv("""
                    email,displayName,phone,attributes,roles,createdAt
                    ada@import.test,Ada Lovelace,+442079460000,"{""team"":""blue"",""floor"":""3""}","[""AUDITOR""]",2024-03-01T10:00:00Z
                    bob@import.test,Bob,,,USER,2024-04-02T00:00:00Z
                    cy@import.test,,,,"AUDITOR,ADMIN",
                    """);

            answer.assertImportReport(3, 3, 0, 0, 0);
            assertThat(answer.errors()).isEmpty();
            assertThat(answer.json().get("errorsTruncated")).isEqualTo(false);
            List<Map<String, Object>> imported = exported("@import.test");
            assertThat(imported).extracting(user -> user.get("email"))
                    .containsExactlyInAnyOrder("ada@import.test", "bob@import.test", "cy@import.test");
            Map<String, Object> ada = imported.stream().filter(user -> "ada@import.test".equals(user.get("email"))).findFirst().orElseThrow();
            assertThat(ada).containsEntry("displayName", "Ada Lovelace").containsEntry("phone", "+442079460000")
                    .containsEntry("attributes", Map.of("team", "blue", "floor", "3"))
                    .containsEntry("roles", List.of("AUDITOR", "USER"));
            assertThat(Instant.parse((String) ada.get("createdAt"))).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
            Map<String, Object> bob = user("bob@import.test");
            assertThat(bob).containsEntry("displayName", "Bob").containsEntry("roles", List.of("USER"))
                    .containsEntry("attributes", Map.of()).containsEntry("status", "ACTIVE").containsEntry("hasPassword", false);
            assertThat(bob.get("phone")).isNull();
            assertThat(Instant.parse((String) bob.get("createdAt"))).isEqualTo(Instant.parse("2024-04-02T00:00:00Z"));
            Map<String, Object> cy = user("cy@import.test");
            assertThat(cy).containsEntry("roles", List.of("ADMIN", "AUDITOR", "USER"));
            assertThat(cy.get("displayName")).isNull();
            assertThat(Instant.parse((String) cy.get("createdAt"))).isAfter(Instant.now().minusSeconds(600));
            assertThat(api.userCount(admin)).isEqualTo(4);
        }

        @Test
        void readsABodyWithAByteOrderMarkAndCrLfLineEndingsAsSpreadsheetsWriteThem() {
            TestReply answer = csv("\uFEFFemail,displayName\r\nsheet1@import.test,One\r\n\r\nsheet2@import.test,\"Two, Esq.\"\r\n");

            answer.assertImportReport(2, 2, 0, 0, 0);
            assertThat(user("sheet2@import.test")).containsEntry("displayName", "Two, Esq.");
            assertThat(user("sheet1@import.test")).containsEntry("displayName", "One");
        }

        @Test
        void aBodyLargerThanTheOneMegabyteOfTheJsonApiIsImportedWithOrWithoutAContentLength() {
            StringBuilder file = new StringBuilder("email,attributes\n");
            for (int i = 0; i < 24; i++) {
                StringBuilder attributes = new StringBuilder("\"{");
                for (int key = 0; key < 45; key++) {
                    attributes.append(key == 0 ? "" : ",").append("\"\"k").append(key).append("\"\":\"\"").append("v".repeat(1000)).append("\"\"");
                }
                file.append("big-").append(i).append("@import.test,").append(attributes).append("}\"\n");
            }
            byte[] body = utf8(file.toString());
            assertThat(body.length).isGreaterThan(1024 * 1024);

            api.post(CSV, body, admin).assertImportReport(24, 24, 0, 0, 0);
            api.chunked(CSV, body, admin, "onConflict", "skip").assertImportReport(24, 0, 0, 24, 0);

            assertThat(api.userCount(admin)).isEqualTo(25);
            assertThat((Map<?, ?>) exported("big-23@import.test").get(0).get("attributes")).hasSize(45);
        }

        @Test
        void aDefaultExportWithEveryColumnImportsBackIgnoringWhatTheStoreAssigns() {
            csv("email,displayName,phone,attributes,roles,createdAt\n"
                    + "full1@import.test,Ada,+442079460000,\"{\"\"team\"\":\"\"blue\"\"}\",AUDITOR,2024-03-01T10:00:00Z\n"
                    + "full2@import.test,,,,,\n").assertImportReport(2, 2, 0, 0, 0);
            TestReply csvExport = http.send(HttpRequest.GET(TestRequests.uri(USERS + "/export", "q", "full")), admin).assertStatus(200);
            TestReply ndjsonExport = http.send(HttpRequest.GET(TestRequests.uri(USERS + "/export", "q", "full", "format", "ndjson")), admin)
                    .assertStatus(200);
            assertThat(csvExport.body()).startsWith("id,email,displayName,phone,attributes,roles,status,active,hasPassword,createdAt,");

            database.clear();
            admin = accounts.adminToken();
            api.post(CSV, utf8(csvExport.body()), admin).assertImportReport(2, 2, 0, 0, 0);
            assertThat(user("full1@import.test")).containsEntry("displayName", "Ada").containsEntry("phone", "+442079460000")
                    .containsEntry("attributes", Map.of("team", "blue")).containsEntry("roles", List.of("AUDITOR", "USER"));

            database.clear();
            admin = accounts.adminToken();
            api.ndjson(admin, ndjsonExport.body()).assertImportReport(2, 2, 0, 0, 0);
            assertThat(user("full1@import.test")).containsEntry("displayName", "Ada").containsEntry("attributes", Map.of("team", "blue"));
        }

        @Test
        void eachUnknownColumnOfTheHeaderIsNamed() {
            TestReply unknown = csv("email,nickname,shoeSize\nx@import.test,x,42\n");

            unknown.assertValidationFailed("header", "header");
            assertThat(unknown.errors()).extracting(error -> (String) error.get("message"))
                    .anySatisfy(message -> assertThat(message).startsWith("column 2 (nickname) is not a known column"))
                    .anySatisfy(message -> assertThat(message).startsWith("column 3 (shoeSize) is not a known column"));
        }

        @Test
        void whatTheCsvExportWritesImportsBackAsItWas() {
            csv("email,displayName,phone,attributes,roles,createdAt\n"
                    + "trip1@import.test,\"=1+1, \"\"quoted\"\"\",+442079460000,"
                    + "\"{\"\"note\"\":\"\"a, \\\"\"b\\\"\"\"\",\"\"-x\"\":\"\"@y\"\"}\",AUDITOR,2024-03-01T10:00:00.123456Z\n"
                    + "trip2@import.test,-minus,,,,\n").assertImportReport(2, 2, 0, 0, 0);
            String exportUri = TestRequests.uri(USERS + "/export", "fields", EXPORT_FIELDS, "q", "trip");
            TestReply before = http.send(HttpRequest.GET(exportUri), admin);
            assertThat(before.body()).contains("trip1@import.test").contains("'=1+1");

            database.clear();
            admin = accounts.adminToken();
            api.post(CSV, utf8(before.body()), admin).assertImportReport(2, 2, 0, 0, 0);

            assertThat(http.send(HttpRequest.GET(exportUri), admin).body()).isEqualTo(before.body());
            assertThat(user("trip1@import.test")).containsEntry("displayName", "=1+1, \"quoted\"")
                    .containsEntry("attributes", Map.of("note", "a, \"b\"", "-x", "@y"));
        }

        @Test
        void undoesTheFormulaNeutralisingOfTheExport() {
            csv("email,displayName\nformula@import.test,'=SUM(A1)\n").assertImportReport(1, 1, 0, 0, 0);

            assertThat(user("formula@import.test")).containsEntry("displayName", "=SUM(A1)");
        }
    }

    @Nested
    class DryRun {
        private static final String FILE = """
                email,displayName,roles
                new1@import.test,New One,
                existing@import.test,Changed,
                NEW1@import.test,Again,
                not-an-email,Bad,
                new2@import.test,New Two,KING
                new3@import.test,New Three,AUDITOR
                """;

        @Test
        void writesNothingButReportsTheCountsARealRunThenReports() {
            accounts.createUser("existing@import.test");
            long before = api.userCount(admin);
            List<Map<String, Object>> exportBefore = exported("@import.test");

            TestReply dry = csv(FILE, "dryRun", "true", "onConflict", "update");

            dry.assertImportReport(true, 6, 2, 2, 0, 2);
            assertThat(api.userCount(admin)).isEqualTo(before);
            assertThat(exported("@import.test")).isEqualTo(exportBefore);
            assertThat(user("existing@import.test").get("displayName")).isNull();

            TestReply real = csv(FILE, "dryRun", "false", "onConflict", "update");

            real.assertImportReport(false, 6, 2, 2, 0, 2);
            assertThat(real.errors()).isEqualTo(dry.errors());
            assertThat(api.userCount(admin)).isEqualTo(before + 2);
            assertThat(user("existing@import.test")).containsEntry("displayName", "Changed");
            assertThat(user("new1@import.test")).containsEntry("displayName", "Again");
        }
    }

    @Nested
    class RowErrors {
        @Test
        void nameTheLineOnWhichTheRecordStartsEvenAfterQuotedMultiLineCellsAndNameTheField() {
            TestReply answer = csv("""
                    email,displayName,attributes
                    ok1@import.test,Fine,"{""team"":
                    ""blue""}"
                    not-an-email,Bad,
                    ok2@import.test,"Two
                    lines",

                    ok3@import.test,Ok,{not json}
                    ,No email,
                    ok4@import.test,Ok,"{""bad key"":""x""}"
                    ok5@import.test,Last,
                    ok6@import.test,Too,many,cells
                    """);

            answer.assertImportReport(8, 2, 0, 0, 6);
            assertThat(answer.errorPlaces()).containsExactly("4 email", "5 displayName", "8 attributes", "9 email",
                    "10 attributes", "12 row");
            assertThat(answer.body()).doesNotContain("not-an-email").doesNotContain("bad key").doesNotContain("not json");
            assertThat(exported("@import.test")).extracting(user -> user.get("email"))
                    .containsExactlyInAnyOrder("ok1@import.test", "ok5@import.test");
            assertThat(user("ok1@import.test")).containsEntry("attributes", Map.of("team", "blue"));
        }

        @Test
        void nameEveryRejectedFieldOfARow() {
            TestReply answer = csv("""
                    email,phone,roles,createdAt,passwordHash
                    many@import.test,0123,"KING",yesterday,plaintext
                    future@import.test,,,2999-01-01T00:00:00Z,
                    """);

            answer.assertImportReport(2, 0, 0, 0, 2);
            assertThat(answer.errorPlaces()).containsExactlyInAnyOrder("2 phone", "2 roles", "2 createdAt", "3 createdAt");
            assertThat(api.userCount(admin)).isEqualTo(1);
        }

        @Test
        void aPasswordHashRosterCannotVerifyIsARowError() {
            TestReply answer = csv("email,passwordHash\nmd5@import.test,5f4dcc3b5aa765d61d8327deb882cf99\n");

            answer.assertImportReport(1, 0, 0, 0, 1);
            assertThat(answer.errorPlaces()).containsExactly("2 passwordHash");
        }
    }

    @Nested
    class DuplicatesInOneFile {
        // lines 2 and 3 share a batch; line 5 repeats the email in the next batch
        private static final String FILE = """
                email,displayName
                dup@import.test,First
                DUP@Import.test,Second
                other@import.test,Other
                dup@IMPORT.TEST,Third
                """;

        @Test
        void skipKeepsTheFirstRowAndSkipsTheRepeats() {
            csv(FILE, "onConflict", "skip").assertImportReport(4, 2, 0, 2, 0);

            assertThat(user("dup@import.test")).containsEntry("email", "dup@import.test").containsEntry("displayName", "First");
        }

        @Test
        void failKeepsTheFirstRowAndListsAnErrorForEachRepeat() {
            TestReply answer = csv(FILE, "onConflict", "fail");

            answer.assertImportReport(4, 2, 0, 0, 2);
            assertThat(answer.errorPlaces()).containsExactly("3 email", "5 email");
            assertThat(answer.errors().get(0).get("message")).asString().contains("line 2");
            assertThat(user("dup@import.test")).containsEntry("displayName", "First");
        }

        @Test
        void updateAppliesTheRepeatsInFileOrder() {
            csv(FILE, "onConflict", "update").assertImportReport(4, 2, 2, 0, 0);

            Map<String, Object> dup = user("dup@import.test");
            assertThat(dup).containsEntry("email", "dup@import.test").containsEntry("displayName", "Third");
            assertThat(version(dup)).isEqualTo(2);
            assertThat(api.userCount(admin)).isEqualTo(3);
        }
    }

    @Nested
    class ExistingUsers {
        private String ada;
        private String bob;

        @BeforeEach
        void twoUsers() {
            ada = create("{\"email\":\"ada@import.test\",\"displayName\":\"Ada\",\"phone\":\"+442079460000\","
                    + "\"attributes\":{\"team\":\"blue\",\"floor\":\"3\"}}");
            bob = create("{\"email\":\"bob@import.test\",\"displayName\":\"Bob\",\"roles\":[\"AUDITOR\"]}");
        }

        private String create(String body) {
            TestReply reply = http.send(HttpRequest.POST(USERS, body).contentType(MediaType.APPLICATION_JSON_TYPE), admin);
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            return (String) reply.json().get("id");
        }

        private Map<String, Object> byId(String id) {
            return http.send(HttpRequest.GET(USERS + "/" + id), admin).json();
        }

        @Test
        void skipLeavesThemUnchanged() {
            Map<String, Object> adaBefore = byId(ada);
            Map<String, Object> bobBefore = byId(bob);

            csv("email,displayName,phone\nADA@import.test,Other,+15550100\nbob@import.test,Other,\nnew@import.test,New,\n",
                    "onConflict", "skip").assertImportReport(3, 1, 0, 2, 0);
            csv("email,displayName\nada@import.test,Default is skip\n").assertImportReport(1, 0, 0, 1, 0);

            assertThat(byId(ada)).isEqualTo(adaBefore);
            assertThat(byId(bob)).isEqualTo(bobBefore);
        }

        @Test
        void updateChangesTheGivenFieldsOnly() {
            TestReply answer = csv("""
                    email,displayName,phone,attributes,createdAt
                    Ada@Import.Test,,+15550100,,2001-01-01T00:00:00Z
                    bob@import.test,,,"{""team"":""red""}",
                    new@import.test,New,,,
                    """, "onConflict", "update");

            answer.assertImportReport(3, 1, 2, 0, 0);
            Map<String, Object> adaAfter = byId(ada);
            assertThat(adaAfter).containsEntry("email", "ada@import.test").containsEntry("displayName", "Ada")
                    .containsEntry("phone", "+15550100").containsEntry("attributes", Map.of("team", "blue", "floor", "3"));
            assertThat(Instant.parse((String) adaAfter.get("createdAt"))).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
            assertThat(version(adaAfter)).isEqualTo(1);
            Map<String, Object> bobAfter = byId(bob);
            assertThat(bobAfter).containsEntry("displayName", "Bob").containsEntry("attributes", Map.of("team", "red"))
                    .containsEntry("roles", List.of("AUDITOR", "USER"));
            assertThat(bobAfter.get("phone")).isNull();
        }

        @Test
        void updateWithTheStoredValuesIsASkipAndRolesCannotBeChanged() {
            TestReply answer = csv("email,displayName,roles\nada@import.test,Ada,\nbob@import.test,Robert,ADMIN\nbob@import.test,Bob,\"AUDITOR,USER\"\n",
                    "onConflict", "update");

            answer.assertImportReport(3, 0, 0, 2, 1);
            assertThat(answer.errorPlaces()).containsExactly("3 roles");
            assertThat(version(byId(ada))).isZero();
            assertThat(byId(bob)).containsEntry("displayName", "Bob").containsEntry("roles", List.of("AUDITOR", "USER"));
        }

        @Test
        void failListsAnErrorForEachConflictingRow() {
            TestReply answer = csv("email,displayName\nnew1@import.test,N\nADA@import.test,X\nnew2@import.test,N\nbob@IMPORT.test,X\n",
                    "onConflict", "fail");

            answer.assertImportReport(4, 2, 0, 0, 2);
            assertThat(answer.errorPlaces()).containsExactly("3 email", "5 email");
            assertThat(byId(ada)).containsEntry("displayName", "Ada");
            assertThat(byId(bob)).containsEntry("displayName", "Bob");
            assertThat(api.userCount(admin)).isEqualTo(5);
        }
    }

    @Nested
    class PreHashedPasswords {
        private static final String BCRYPT_PASSWORD = "migrated from the old system";
        private static final String ARGON2_PASSWORD = "another migrated password";
        private static final String CURRENT_PASSWORD = "hashed with todays parameters";

        private String storedHash(String email) {
            return transactions.executeRead(status -> jdbc.prepareStatement(
                    "SELECT password_hash FROM users WHERE email_canonical = ?", statement -> {
                        statement.setString(1, email);
                        try (ResultSet result = statement.executeQuery()) {
                            assertThat(result.next()).as("a row for %s", email).isTrue();
                            return result.getString(1);
                        }
                    }));
        }

        private TestReply login(String email, String password) {
            return http.send(HttpRequest.POST("/login", Map.of("username", email, "password", password)), null);
        }

        @Test
        void bcryptAndArgon2idHashesLogInAndAreRehashedAtTheFirstLogin() {
            String bcrypt = new BCryptPasswordEncoder(4).encode(BCRYPT_PASSWORD);
            String weakArgon2 = new Argon2PasswordEncoder(16, 32, 1, 8192, 1).encode(ARGON2_PASSWORD);
            String currentArgon2 = new Argon2PasswordEncoder(16, 32, 1, 19456, 2).encode(CURRENT_PASSWORD);
            ndjson("{\"email\":\"bcrypt@import.test\",\"passwordHash\":" + TestRequests.quote(bcrypt) + "}\n"
                    + "{\"email\":\"argon2@import.test\",\"passwordHash\":" + TestRequests.quote(weakArgon2) + "}\n"
                    + "{\"email\":\"current@import.test\",\"passwordHash\":" + TestRequests.quote(currentArgon2) + "}\n")
                    .assertImportReport(3, 3, 0, 0, 0);
            assertThat(user("bcrypt@import.test")).containsEntry("hasPassword", true);

            login("bcrypt@import.test", "wrong password for bcrypt").assertUnauthorized();
            login("argon2@import.test", BCRYPT_PASSWORD).assertUnauthorized();
            assertThat(storedHash("bcrypt@import.test")).isEqualTo(bcrypt);
            for (String[] account : new String[][] {{"bcrypt@import.test", BCRYPT_PASSWORD}, {"argon2@import.test", ARGON2_PASSWORD},
                    {"current@import.test", CURRENT_PASSWORD}}) {
                TestReply reply = login(account[0], account[1]);
                assertThat(reply.status()).as("login of %s: %s", account[0], reply.body()).isEqualTo(200);
                assertThat((String) reply.json().get("access_token")).isNotBlank();
            }

            assertThat(storedHash("bcrypt@import.test")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
            assertThat(storedHash("argon2@import.test")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
            assertThat(storedHash("current@import.test")).isEqualTo(currentArgon2);
            assertThat(version(user("bcrypt@import.test"))).isEqualTo(1);
            assertThat(version(user("argon2@import.test"))).isEqualTo(1);
            assertThat(version(user("current@import.test"))).isZero();
            assertThat(login("bcrypt@import.test", BCRYPT_PASSWORD).status()).isEqualTo(200);
            assertThat(login("argon2@import.test", ARGON2_PASSWORD).status()).isEqualTo(200);
            login("bcrypt@import.test", ARGON2_PASSWORD).assertUnauthorized();
        }

        @Test
        void aCsvImportCarriesTheHashToo() {
            String bcrypt = new BCryptPasswordEncoder(4).encode(BCRYPT_PASSWORD);
            csv("email,passwordHash\ncsv@import.test," + bcrypt + "\n").assertImportReport(1, 1, 0, 0, 0);

            assertThat(login("csv@import.test", BCRYPT_PASSWORD).status()).isEqualTo(200);
            login("csv@import.test", "not it").assertUnauthorized();
        }

        @Test
        void updateReplacesAStoredPasswordHash() {
            accounts.createUser("known@import.test");
            String bcrypt = new BCryptPasswordEncoder(4).encode(BCRYPT_PASSWORD);

            csv("email,passwordHash\nknown@import.test," + bcrypt + "\n", "onConflict", "update").assertImportReport(1, 0, 1, 0, 0);

            assertThat(login("known@import.test", BCRYPT_PASSWORD).status()).isEqualTo(200);
            login("known@import.test", TestAccounts.PASSWORD).assertUnauthorized();
        }
    }

    @Nested
    class Ndjson {
        @Test
        void importsLikeCsvAndAnUnknownMemberOrABadLineIsARowError() {
            TestReply answer = ndjson("""
                    {"email":"nd1@import.test","displayName":"Nd One","phone":"+4930123456","attributes":{"team":"red"},"roles":["AUDITOR"],"createdAt":"2024-05-01T00:00:00Z"}

                    {"email":"nd2@import.test","nickname":"x"}
                    {"email":"nd3@import.test","displayName":null}
                    not json
                    {"email":"nd4@import.test"} trailing
                    {"email":"nd5@import.test","roles":"AUDITOR"}
                    {"email":"not-an-email"}
                    null
                    {"email":"nd6@import.test"}
                    """, "onConflict", "fail");

            answer.assertImportReport(9, 3, 0, 0, 6);
            // a member of the wrong JSON type names its member (issue 11 point 11), not the line
            assertThat(answer.errorPlaces()).containsExactly("3 nickname", "5 line", "6 line", "7 roles", "8 email", "9 line");
            Map<String, Object> nd1 = exported("nd1@import.test").get(0);
            assertThat(nd1).containsEntry("displayName", "Nd One").containsEntry("phone", "+4930123456")
                    .containsEntry("attributes", Map.of("team", "red")).containsEntry("roles", List.of("AUDITOR", "USER"));
            assertThat(Instant.parse((String) nd1.get("createdAt"))).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
            assertThat(exported("@import.test")).extracting(user -> user.get("email"))
                    .containsExactlyInAnyOrder("nd1@import.test", "nd3@import.test", "nd6@import.test");
        }

        @Test
        void aDryRunAndOnConflictWorkAsForCsv() {
            accounts.createUser("nd@import.test");

            ndjson("{\"email\":\"ND@import.test\",\"displayName\":\"Changed\"}\n{\"email\":\"fresh@import.test\"}\n",
                    "dryRun", "true", "onConflict", "update").assertImportReport(true, 2, 1, 1, 0, 0);
            assertThat(api.userCount(admin)).isEqualTo(2);
            ndjson("{\"email\":\"ND@import.test\",\"displayName\":\"Changed\"}\n{\"email\":\"fresh@import.test\"}\n",
                    "onConflict", "update").assertImportReport(2, 1, 1, 0, 0);
            assertThat(user("nd@import.test")).containsEntry("displayName", "Changed");
        }
    }

    @Nested
    class RefusedRequests {
        @Test
        void aBodyThatIsNotUtf8IsAMalformedImportProblem() {
            byte[] latin1 = "email,displayName\nrene@import.test,Ren\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

            api.post(CSV, latin1, admin).assertProblem(400, "malformed-import");
            api.post(NDJSON, "{\"email\":\"rene@import.test\",\"displayName\":\"Ren\u00e9\"}\n"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), admin).assertProblem(400, "malformed-import");
            assertThat(api.userCount(admin)).isEqualTo(1);
        }

        @Test
        void anInvalidByteIsReportedOnItsLine() {
            byte[] latin1 = "email,displayName\na@import.test,A\nb@import.test,B\nc@import.test,C\nd@import.test,D\ne@import.test,E\nrene@import.test,Ren\u00e9\n"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

            TestReply answer = api.post(CSV, latin1, admin).assertProblem(400, "malformed-import");

            assertThat(((Number) answer.json().get("line")).longValue()).isEqualTo(7);
            assertThat(((Map<?, ?>) answer.json().get("report")).get("created")).isEqualTo(5);
            assertThat(api.userCount(admin)).isEqualTo(6);
        }

        @Test
        void aCharsetOtherThanUtf8IsRefused() {
            TestReply answer = api.post("text/csv; charset=ISO-8859-1", utf8("email\nx@import.test\n"), admin);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith(TestClient.PROBLEM_JSON);
            answer.assertValidationFailed("Content-Type");
            assertThat(api.post("text/csv; charset=UTF-8", utf8("email\nx@import.test\n"), admin).status()).isEqualTo(200);
        }

        @Test
        void jsonIsAnUnsupportedMediaType() {
            api.post(MediaType.APPLICATION_JSON, utf8("[{\"email\":\"x@import.test\"}]"), admin).assertProblem(415, "unsupported-media-type");
            assertThat(api.userCount(admin)).isEqualTo(1);
        }

        @Test
        void badOnConflictAndDryRunValuesAreProblems() {
            TestReply onConflict = csv("email\nx@import.test\n", "onConflict", "merge");
            TestReply dryRun = csv("email\nx@import.test\n", "dryRun", "maybe");

            assertThat(onConflict.status()).isEqualTo(400);
            assertThat(onConflict.contentType()).startsWith(TestClient.PROBLEM_JSON);
            assertThat(onConflict.body()).contains("onConflict");
            assertThat(dryRun.status()).isEqualTo(400);
            assertThat(dryRun.contentType()).startsWith(TestClient.PROBLEM_JSON);
            assertThat(dryRun.body()).contains("dryRun");
            onConflict.assertValidationFailed("onConflict");
            dryRun.assertValidationFailed("dryRun");
            assertThat(api.userCount(admin)).isEqualTo(1);
        }

        @Test
        void onlyAdministratorsMayImport() {
            String user = accounts.tokenFor("plain@roster.test");
            String auditor = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);

            api.csv(user, "email\nx@import.test\n").assertForbidden();
            api.csv(auditor, "email\nx@import.test\n").assertForbidden();
            api.csv(null, "email\nx@import.test\n").assertUnauthorized();
            assertThat(api.userCount(admin)).isEqualTo(3);
        }

        @Test
        void aHeaderWithAnUnknownColumnOrWithoutEmailIsRefusedBeforeAnyRowIsWritten() {
            TestReply unknown = csv("email,displayName,nickname\nx@import.test,X,x\ny@import.test,Y,y\nz@import.test,Z,z\n");
            TestReply twice = csv("email,email\nx@import.test,x@import.test\n");
            TestReply noEmail = csv("displayName\nX\n");
            TestReply empty = csv("");

            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.contentType()).startsWith(TestClient.PROBLEM_JSON);
            assertThat(unknown.body()).contains("header");
            assertThat(twice.status()).isEqualTo(400);
            assertThat(noEmail.status()).isEqualTo(400);
            assertThat(empty.status()).isEqualTo(400);
            unknown.assertValidationFailed("header");
            twice.assertValidationFailed("header");
            noEmail.assertValidationFailed("header");
            empty.assertValidationFailed("body");
            assertThat(api.userCount(admin)).isEqualTo(1);
        }

        @Test
        void anUnterminatedQuoteStopsTheImportAndSaysWhatWasApplied() {
            TestReply answer = csv("email,displayName\na@import.test,A\nb@import.test,B\nc@import.test,\"C\nd@import.test,D\n");

            answer.assertProblem(400, "malformed-import");
            Map<?, ?> report = (Map<?, ?>) answer.json().get("report");
            assertThat(((Number) report.get("created")).longValue()).isEqualTo(2);
            assertThat(api.userCount(admin)).isEqualTo(3);
        }
    }

    @Nested
    class Audit {
        @SuppressWarnings("unchecked")
        private List<Map<String, Object>> events(String action) {
            TestReply reply = http.send(HttpRequest.GET("/api/v1/audit-events?limit=200" + (action == null ? "" : "&action=" + action)), admin);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            return (List<Map<String, Object>>) reply.json().get("items");
        }

        /** One detail of each event, in event order. */
        private List<String> details(List<Map<String, Object>> events, String name) {
            return events.stream().map(event -> (String) ((Map<?, ?>) event.get("details")).get(name)).toList();
        }

        @Test
        void eachBatchIsOneAuditEventWithCountsAndNoPersonalData() {
            accounts.createUser("existing@import.test");

            csv("""
                    email,displayName
                    a@import.test,A
                    b@import.test,B
                    existing@import.test,Updated
                    not-an-email,X
                    c@import.test,C
                    """, "onConflict", "update").assertImportReport(5, 3, 1, 0, 1);

            List<Map<String, Object>> events = events("users.imported");
            assertThat(events).hasSize(3);
            assertThat(details(events, "lines")).containsExactly("2-3", "4-5", "6-6");
            assertThat(details(events, "created")).containsExactly("2", "0", "1");
            assertThat(details(events, "updated")).containsExactly("0", "1", "0");
            assertThat(details(events, "failed")).containsExactly("0", "1", "0");
            assertThat(details(events, "batch")).containsExactly("1", "2", "3");
            assertThat(details(events, "onConflict")).containsOnly("update");
            assertThat(details(events, "import")).doesNotContainNull().containsOnly(details(events, "import").get(0));
            assertThat(events).allSatisfy(event -> assertThat(event.get("userId")).isNull());
            assertThat(events).extracting(event -> event.get("actorId")).containsOnly(user(TestAccounts.ADMIN_EMAIL).get("id"));
            String everything = http.send(HttpRequest.GET("/api/v1/audit-events?limit=200"), admin).body();
            assertThat(everything).doesNotContain("@import.test").doesNotContain("not-an-email").doesNotContain("Updated");
            assertThat(events("user.updated")).hasSize(1);
            Map<String, Object> verification = http.send(HttpRequest.GET("/api/v1/audit-events/verify"), admin).json();
            assertThat(verification).containsEntry("valid", true);
        }

        @Test
        void aDryRunIsOneAuditEventForTheWholeFile() {
            csv("email\na@import.test\nb@import.test\nc@import.test\n", "dryRun", "true").assertImportReport(true, 3, 3, 0, 0, 0);

            List<Map<String, Object>> events = events("users.imported");
            assertThat(events).hasSize(1);
            assertThat(details(events, "batch")).containsExactly("dry-run");
            assertThat(details(events, "created")).containsExactly("3");
            assertThat(http.send(HttpRequest.GET("/api/v1/audit-events/verify"), admin).json()).containsEntry("valid", true);
        }
    }

    @Nested
    class SignupStatistics {
        private Map<?, ?> months2024() {
            TestReply reply = http.send(HttpRequest.GET("/api/v1/stats/signups?year=2024"), admin);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            return (Map<?, ?>) reply.json().get("months");
        }

        @Test
        void countImportedCreatedAtValuesEvenWhenTheYearWasAskedBefore() {
            assertThat(months2024().values()).allSatisfy(count -> assertThat(((Number) count).longValue()).isZero());

            csv("""
                    email,createdAt
                    march1@import.test,2024-03-15T12:00:00Z
                    march2@import.test,2024-03-31T23:59:59Z
                    november@import.test,2024-11-01T00:00:00+01:00
                    """).assertImportReport(3, 3, 0, 0, 0);

            Map<?, ?> months = months2024();
            assertThat(((Number) months.get("3")).longValue()).isEqualTo(2);
            assertThat(((Number) months.get("10")).longValue()).isEqualTo(1);
            assertThat(((Number) months.get("11")).longValue()).isZero();
        }

        @Test
        void aDryRunLeavesThemUnchangedAndTheNextRealImportIsCounted() {
            // another year than above: TestDatabase.clear() does not reach the statistics cache
            assertThat(monthOf2023("6")).isZero();

            csv("email,createdAt\ndry@import.test,2023-06-15T12:00:00Z\n", "dryRun", "true").assertImportReport(true, 1, 1, 0, 0, 0);
            csv("email,createdAt\nreal@import.test,2023-06-16T12:00:00Z\n").assertImportReport(1, 1, 0, 0, 0);

            assertThat(monthOf2023("6")).isEqualTo(1);
        }

        private long monthOf2023(String month) {
            TestReply reply = http.send(HttpRequest.GET("/api/v1/stats/signups?year=2023"), admin);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            return ((Number) ((Map<?, ?>) reply.json().get("months")).get(month)).longValue();
        }
    }
}
