package dev.roster.bootstrap.http;

import static dev.roster.bootstrap.TestClient.USERS;
import static dev.roster.bootstrap.TestRequests.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.bootstrap.TestRequests;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One identity per email (SPEC §1, ADR 0005) wherever Roster decides uniqueness or looks a user up by email: create,
 * merge patch, upsert by email, bulk, import and login treat look-alike spellings as the address they look like, and
 * refuse invisible and control characters with a 400 problem that does not repeat the address.
 */
@MicronautTest(transactional = false)
class EmailIdentityApiTest {
    private static final String BULK = USERS + "/bulk";
    private static final String IMPORT = USERS + "/import";

    @Inject
    TestClient api;
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;

    private String admin;

    @BeforeEach
    void start() {
        database.clear();
        admin = accounts.adminToken();
    }

    private TestReply create(String email) {
        return api.postJson(USERS, "{\"email\":" + quote(email) + "}", admin);
    }

    private long users() {
        return api.get(USERS + "/count?status=ALL", admin).assertStatus(200).countValue();
    }

    private static String pathSegment(String email) {
        return URLEncoder.encode(email, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Nested
    class ALookAlikeOfAStoredEmailIsTaken {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "NFD against NFC              | jos\u00e9@example.org           | jose\u0301@example.org",
                "NFC against NFD              | jose\u0301@example.org          | jos\u00e9@example.org",
                "fullwidth letters            | ada@example.org                | \uff41\uff44\uff41@example.org",
                "mathematical bold letters    | ada@example.org                | \ud835\udc1a\ud835\udc1d\ud835\udc1a@example.org",
                "Unicode against punycode     | ada@xn--bcher-kva.example      | ada@b\u00fccher.example",
                "punycode against Unicode     | ada@b\u00fccher.example         | ada@XN--BCHER-KVA.example"})
        void whenCreatedWith409(String caseName, String stored, String lookAlike) {
            create(stored).assertStatus(201);

            TestReply reply = create(lookAlike);

            reply.assertProblem(409, "email-taken", USERS);
            assertThat(users()).isEqualTo(2); // the first administrator and the stored user
        }

        @Test
        void whenAnotherUserPatchesItsEmailTo409() {
            create("ada@b\u00fccher.example").assertStatus(201);
            String grace = (String) create("grace@example.org").assertStatus(201).json().get("id");

            api.patch(USERS + "/" + grace, "{\"email\":\"\uff41\uff44\uff41@xn--bcher-kva.example\"}", admin)
                    .assertProblem(409, "email-taken", USERS + "/" + grace);
            assertThat(api.user(grace, admin)).containsEntry("email", "grace@example.org");
        }

        @Test
        void whenUpsertedByEmailItUpdatesTheStoredUser() {
            String ada = (String) create("jos\u00e9@b\u00fccher.example").assertStatus(201).json().get("id");

            TestReply reply = api.putJson(USERS + "/by-email/" + pathSegment("jose\u0301@XN--BCHER-KVA.example"),
                    "{\"displayName\":\"Jos\u00e9\"}", admin);

            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            assertThat(reply.json()).containsEntry("id", ada).containsEntry("email", "jos\u00e9@b\u00fccher.example");
            assertThat(users()).isEqualTo(2);
        }

        @Test
        void whenCreatedInABulkRequest() {
            create("ada@example.org").assertStatus(201);

            TestReply reply = api.send(HttpRequest.POST(BULK, Map.of("atomic", false, "operations", List.of(
                    Map.of("op", "create", "user", Map.of("email", "\uff41\uff44\uff41@example.org"))))), admin);

            assertThat(reply.status()).isEqualTo(200);
            @SuppressWarnings("unchecked")
            Map<String, Object> result = ((List<Map<String, Object>>) reply.json().get("results")).get(0);
            assertThat(result.get("status")).isEqualTo("failed");
            assertThat(((Map<?, ?>) result.get("problem")).get("type")).isEqualTo("/problems/email-taken");
            assertThat(users()).isEqualTo(2);
        }

        @Test
        void whenImportedItIsAConflictWithTheStoredUser() {
            create("ada@b\u00fccher.example").assertStatus(201);

            TestReply reply = api.send(HttpRequest.POST(TestRequests.uri(IMPORT, "onConflict", "fail"),
                    "email\n\uff41\uff44\uff41@xn--bcher-kva.example\n".getBytes(StandardCharsets.UTF_8)).contentType("text/csv"), admin);

            reply.assertImportReport(1, 0, 0, 0, 1);
            assertThat(reply.errorPlaces()).containsExactly("2 email");
            assertThat(users()).isEqualTo(2);
        }

        @Test
        void whenRepeatedInOneImportFileOnlyTheFirstSpellingIsCreated() {
            TestReply reply = api.send(HttpRequest.POST(TestRequests.uri(IMPORT, "onConflict", "fail"),
                    "email\njos\u00e9@example.org\njose\u0301@example.org\n\uff4a\uff4f\uff53\u00e9@EXAMPLE.org\n"
                            .getBytes(StandardCharsets.UTF_8)).contentType("text/csv"), admin);

            reply.assertImportReport(3, 1, 0, 0, 2);
            assertThat(reply.errorPlaces()).containsExactly("3 email", "4 email");
            assertThat(users()).isEqualTo(2);
        }

        @Test
        void andTheStoredEmailStaysAsGivenInNfc() {
            Map<String, Object> user = create("jose\u0301@b\u00fccher.example").assertStatus(201).json();

            assertThat(user.get("email")).isEqualTo("jos\u00e9@b\u00fccher.example");
            assertThat(api.user((String) user.get("id"), admin).get("email")).isEqualTo("jos\u00e9@b\u00fccher.example");
        }
    }

    @Nested
    class ALookAlikeLogsIn {
        @Test
        void asTheUserWithTheStoredSpelling() {
            String id = accounts.createUser("jos\u00e9@b\u00fccher.example").id().toString();

            TestReply reply = api.login("\uff4a\uff4f\uff53e\u0301@XN--BCHER-KVA.example", TestAccounts.PASSWORD).assertStatus(200);

            assertThat(api.idOf((String) reply.json().get("access_token"))).isEqualTo(id);
        }
    }

    @Nested
    class ARefusedCharacterIs400 {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "zero-width space        | jane.secret\u200b@nowhere.org",
                "zero-width joiner       | jane\u200d.secret@nowhere.org",
                "soft hyphen             | jane.se\u00adcret@nowhere.org",
                "no-break space          | jane.secret\u00a0@nowhere.org",
                "right-to-left override  | jane.secret\u202e@nowhere.org",
                "left-to-right mark      | jane.secret@nowhere\u200e.org",
                "byte-order mark         | \ufeffjane.secret@nowhere.org",
                "domain IDNA refuses     | jane.secret@nowhere_x.org"})
        void onCreateWithAProblemThatDoesNotRepeatTheAddress(String caseName, String email) {
            TestReply reply = create(email);

            reply.assertValidationFailed("email");
            assertThat(reply.body()).doesNotContain("jane", "secret", "nowhere");
            assertThat(users()).isOne();
        }

        @Test
        void onPatch() {
            String ada = (String) create("ada@example.org").assertStatus(201).json().get("id");

            api.patch(USERS + "/" + ada, "{\"email\":\"a\u200bda@example.org\"}", admin).assertValidationFailed("email");
            assertThat(api.user(ada, admin)).containsEntry("email", "ada@example.org");
        }

        @Test
        void onUpsertByEmail() {
            api.putJson(USERS + "/by-email/" + pathSegment("ada\u00ad@example.org"), "{}", admin).assertValidationFailed("email");

            assertThat(users()).isOne();
        }
    }
}
