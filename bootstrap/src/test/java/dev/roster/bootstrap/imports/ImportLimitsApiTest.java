package dev.roster.bootstrap.imports;

import static dev.roster.bootstrap.imports.Imports.CSV;
import static dev.roster.bootstrap.imports.Imports.NDJSON;
import static dev.roster.bootstrap.imports.Imports.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The import's own limits, set small here: a body limit of 200 bytes (the JSON API keeps its 1 MB) and 3 listed row
 * errors.
 */
@MicronautTest(transactional = false)
@Property(name = "roster.import.max-body-size", value = "200")
@Property(name = "roster.import.max-errors", value = "3")
class ImportLimitsApiTest {
    private static final String USERS = "/api/v1/users";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient http;

    private Imports api;
    private String admin;

    @BeforeEach
    void start() {
        database.clear();
        api = new Imports(http);
        admin = accounts.adminToken();
    }


    /** A CSV file of {@code rows} users, about 26 bytes a row. */
    private static String csvOf(int rows) {
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 0; i < rows; i++) {
            csv.append(String.format("user-%04d@import.test\n", i));
        }
        return csv.toString();
    }

    @Nested
    class BodySize {
        @Test
        void aBodyWithinTheLimitIsImported() {
            String small = csvOf(5);
            assertThat(utf8(small).length).isLessThanOrEqualTo(200);

            api.csv(admin, small).assertImportReport(5, 5, 0, 0, 0);
        }

        @Test
        void aLargerBodyWithAContentLengthIs413AndWritesNothing() {
            String large = csvOf(40);

            api.post(CSV, utf8(large), admin).assertProblem(413, "payload-too-large");
            api.post(NDJSON, utf8("{\"email\":\"x@import.test\",\"displayName\":\"" + "x".repeat(300) + "\"}\n"), admin)
                    .assertProblem(413, "payload-too-large");
            assertThat(api.userCount(admin)).isEqualTo(1);
        }

        @Test
        void aLargerChunkedBodyWithoutAContentLengthIs413AfterTheRowsWithinTheLimitAndSaysSo() {
            TestReply answer = api.chunked(CSV, utf8(csvOf(40)), admin);

            answer.assertProblem(413, "payload-too-large");
            // "email\n" and 8 rows of 24 bytes fit in 200 bytes; the 9th row (line 10) is cut by the limit
            assertThat(((Number) answer.json().get("line")).longValue()).isEqualTo(10);
            assertThat(((java.util.Map<?, ?>) answer.json().get("report")).get("created")).isEqualTo(8);
            assertThat(api.userCount(admin)).isEqualTo(1 + 8);
        }

        @Test
        void aChunkedBodyWithinTheLimitIsImported() {
            api.chunked(CSV, utf8(csvOf(3)), admin).assertImportReport(3, 3, 0, 0, 0);
        }

        @Test
        void aRefusedLargeBodyLeavesTheConnectionUsable() {
            api.post(CSV, utf8(csvOf(25_000)), admin).assertProblem(413, "payload-too-large");

            api.csv(admin, csvOf(1)).assertImportReport(1, 1, 0, 0, 0);
        }

        @Test
        void theJsonApiKeepsItsOwnLimit() {
            String overTheImportLimit = "{\"email\":\"json@import.test\",\"displayName\":\"" + "x".repeat(190) + "\"}";
            String overOneMegabyte = "{\"email\":\"big@import.test\",\"displayName\":\"" + "x".repeat(1_100_000) + "\"}";

            assertThat(http.send(HttpRequest.POST(USERS, overTheImportLimit).contentType(MediaType.APPLICATION_JSON_TYPE), admin)
                    .status()).isEqualTo(201);
            http.send(HttpRequest.POST(USERS, overOneMegabyte).contentType(MediaType.APPLICATION_JSON_TYPE), admin)
                    .assertProblem(413, "payload-too-large", USERS);
            assertThat(api.userCount(admin)).isEqualTo(2);
        }
    }

    @Nested
    class ErrorList {
        @Test
        void listsTheFirstErrorsOnlyButCountsEveryFailedRow() {
            TestReply answer = api.csv(admin, "email\na\nb\nok@import.test\nc\nd\ne\n");

            answer.assertImportReport(6, 1, 0, 0, 5);
            assertThat(answer.errorPlaces()).containsExactly("2 email", "3 email", "5 email");
            assertThat(answer.json().get("errorsTruncated")).isEqualTo(true);
        }

        @Test
        void isNotTruncatedWhenEveryErrorIsListed() {
            TestReply answer = api.csv(admin, "email\na\nb\nc\n");

            answer.assertImportReport(3, 0, 0, 0, 3);
            assertThat(answer.errors()).hasSize(3);
            assertThat(answer.json().get("errorsTruncated")).isEqualTo(false);
        }
    }
}
