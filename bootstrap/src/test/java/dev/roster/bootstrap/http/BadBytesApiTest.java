package dev.roster.bootstrap.http;

import static dev.roster.bootstrap.TestClient.ME;
import static dev.roster.bootstrap.TestClient.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Issue 11 point 5, "no 500 from bad bytes", on the real database (PostgreSQL cannot store NUL): characters no stored
 * string may hold, JSON bodies whose bytes or escapes are not Unicode text, and a request head too long to read are
 * each a 4xx problem, and an import reports a bad row and applies the good ones.
 */
@MicronautTest(transactional = false)
class BadBytesApiTest {
    private static final String NUL_BIO = "{\"bio\":\"before\\u0000after\"}";
    private static final String IMPORT = USERS + "/import";

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

    private long users() {
        return http.get(USERS + "/count?status=ALL", admin).assertStatus(200).countValue();
    }

    private List<String> emails(String q) {
        return http.send(HttpRequest.GET(dev.roster.bootstrap.TestRequests.uri(USERS, "q", q)), admin).assertStatus(200).emails();
    }

    private TestReply postBytes(String path, byte[] body) {
        return http.send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), admin);
    }

    private static byte[] bytes(String before, int[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Nested
    class ANulInAnAttributeValue {
        @Test
        void isAValidationProblemOnCreateNamingTheAttribute() {
            long before = users();

            http.postJson(USERS, "{\"email\":\"nul@bytes.test\",\"attributes\":" + NUL_BIO + "}", admin)
                    .assertValidationFailed("attributes.bio");
            assertThat(users()).isEqualTo(before);
        }

        @Test
        void isAValidationProblemWhenAUserPatchesItself() {
            String user = accounts.tokenFor("self@bytes.test");

            http.send(HttpRequest.PATCH(ME, "{\"attributes\":" + NUL_BIO + "}").contentType(TestClient.MERGE_PATCH_JSON), user)
                    .assertValidationFailed("attributes.bio");
            assertThat(http.me(user).get("attributes")).isEqualTo(Map.of());
        }

        @Test
        void failsItsBulkOperationsAndNoOther() {
            String existing = accounts.createUser("bulk@bytes.test").id().toString();

            http.postJson(USERS + "/bulk", "{\"atomic\":false,\"operations\":[{\"op\":\"create\",\"user\":{\"email\":"
                    + "\"bulk-new@bytes.test\",\"attributes\":" + NUL_BIO + "}}]}", admin).assertValidationFailed("operations[0].attributes.bio");
            TestReply reply = http.postJson(USERS + "/bulk", "{\"atomic\":false,\"operations\":["
                    + "{\"op\":\"update\",\"id\":\"" + existing + "\",\"changes\":{\"attributes\":" + NUL_BIO + "}},"
                    + "{\"op\":\"create\",\"user\":{\"email\":\"bulk-ok@bytes.test\"}}]}", admin).assertStatus(200);

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> results = (List<Map<String, Object>>) reply.json().get("results");
            assertThat(results).extracting(result -> result.get("status")).containsExactly("failed", "created");
            assertThat(((Map<?, ?>) results.get(0).get("problem")).get("type")).isEqualTo("/problems/validation-failed");
            assertThat(http.user(existing, admin).get("attributes")).isEqualTo(Map.of());
        }

        @Test
        void isARowErrorOfACsvImportThatAppliesTheOtherRows() {
            String csv = "email,attributes\n"
                    + "csv-one@bytes.test,\"{\"\"team\"\":\"\"blue\"\"}\"\n"
                    + "csv-nul@bytes.test,\"{\"\"bio\"\":\"\"a\\u0000b\"\"}\"\n"
                    + "csv-raw-nul@bytes.test,\"{\"\"bio\"\":\"\"a\u0000b\"\"}\"\n"
                    + "csv-two@bytes.test,\n";

            TestReply answer = http.send(HttpRequest.POST(IMPORT, csv.getBytes(StandardCharsets.UTF_8)).contentType("text/csv"), admin);

            answer.assertImportReport(4, 2, 0, 0, 2);
            assertThat(answer.errorPlaces()).containsExactly("3 attributes.bio", "4 attributes");
            assertThat(emails("csv-")).containsExactlyInAnyOrder("csv-one@bytes.test", "csv-two@bytes.test");
        }

        @Test
        void isARowErrorOfAnNdjsonImportThatAppliesTheOtherRows() {
            String ndjson = "{\"email\":\"nd-one@bytes.test\"}\n"
                    + "{\"email\":\"nd-nul@bytes.test\",\"attributes\":" + NUL_BIO + "}\n"
                    + "{\"email\":\"nd-name@bytes.test\",\"displayName\":\"a\\u0085b\"}\n"
                    + "{\"email\":\"nd-two@bytes.test\",\"attributes\":{\"note\":\"tab\\tand\\nline\"}}\n";

            TestReply answer = http.send(HttpRequest.POST(IMPORT, ndjson.getBytes(StandardCharsets.UTF_8))
                    .contentType("application/x-ndjson"), admin);

            answer.assertImportReport(4, 2, 0, 0, 2);
            assertThat(answer.errorPlaces()).containsExactly("2 attributes.bio", "3 displayName");
            assertThat(emails("nd-")).containsExactlyInAnyOrder("nd-one@bytes.test", "nd-two@bytes.test");
        }
    }

    @Nested
    class OtherStoredText {
        @Test
        void aControlCharacterInALegalHoldReasonIsAValidationProblem() {
            String id = accounts.createUser("held@bytes.test").id().toString();

            http.putJson(USERS + "/" + id + "/legal-hold", "{\"reason\":\"court order\\u001B[2J\"}", admin)
                    .assertValidationFailed("reason");
            http.putJson(USERS + "/" + id + "/legal-hold", "{\"reason\":\"court order 17\\nkeep all records\"}", admin)
                    .assertStatus(204);
        }
    }

    @Nested
    class AJsonBodyThatIsNotUnicodeText {
        @ParameterizedTest
        @ValueSource(strings = {"\\ud800", "a\\udc00b", "\\ud83d", "\\ude00\\ud83d"})
        void anEscapedUnpairedSurrogateIsMalformedJson(String escape) {
            long before = users();

            http.postJson(USERS, "{\"email\":\"surrogate@bytes.test\",\"displayName\":\"" + escape + "\"}", admin)
                    .assertProblem(400, "malformed-json");
            http.postJson(USERS, "{\"email\":\"surrogate@bytes.test\",\"attributes\":{\"k\":\"" + escape + "\"}}", admin)
                    .assertProblem(400, "malformed-json");
            assertThat(users()).isEqualTo(before);
        }

        @Test
        void anEscapedSurrogatePairIsText() {
            http.postJson(USERS, "{\"email\":\"pair@bytes.test\",\"displayName\":\"Ada \\ud83d\\ude00\"}", admin).assertStatus(201);
        }

        @Test
        void anOverlongUtf8FormOrAnEncodedSurrogateIsMalformedJson() {
            postBytes(USERS, bytes("{\"email\":\"overlong@bytes.test\",\"displayName\":\"a", new int[] {0xC0, 0xAF}, "b\"}"))
                    .assertProblem(400, "malformed-json");
            postBytes(USERS, bytes("{\"email\":\"overlong@bytes.test\",\"displayName\":\"a", new int[] {0xE0, 0x80, 0xAF}, "b\"}"))
                    .assertProblem(400, "malformed-json");
            postBytes(USERS, bytes("{\"email\":\"cesu@bytes.test\",\"displayName\":\"a", new int[] {0xED, 0xA0, 0x80}, "b\"}"))
                    .assertProblem(400, "malformed-json");
        }

        @Test
        void aBodyInUtf16IsMalformedJson() {
            postBytes(USERS, "{\"email\":\"utf16@bytes.test\"}".getBytes(StandardCharsets.UTF_16LE)).assertProblem(400, "malformed-json");
        }
    }

    @Nested
    class ARequestHeadTooLongToRead {
        @Test
        void aRequestLineLongerThanAllowedIsUriTooLong() {
            TestReply reply = http.get(USERS + "?q=" + "x".repeat(10_000), admin);

            assertThat(reply.status()).as(reply.toString()).isEqualTo(414);
            assertThat(reply.json()).containsEntry("type", "/problems/uri-too-long").doesNotContainKey("instance");
        }

        @Test
        void headersLargerThanAllowedAreRequestHeaderFieldsTooLarge() {
            TestReply reply = http.send(HttpRequest.GET(USERS).header("X-Huge", "h".repeat(20_000)), admin);

            assertThat(reply.status()).as(reply.toString()).isEqualTo(431);
            reply.assertProblem(431, "request-header-fields-too-large");
        }
    }
}
