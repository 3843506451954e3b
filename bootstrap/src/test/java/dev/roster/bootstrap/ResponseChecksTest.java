package dev.roster.bootstrap;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks every HTTP test runs on every answer find what they are for, and their exemptions are as narrow as named. */
class ResponseChecksTest {
    private static final String PROBLEM = "{\"type\":\"/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
            + "\"detail\":\"No resource at this path.\",\"instance\":\"/api/v1/nothing\"}";

    private final ResponseChecks checks = new ResponseChecks(JsonMapper.createDefault());

    @Nested
    class Leaks {
        @ParameterizedTest
        @ValueSource(strings = {"java.lang.IllegalStateException: boom", "\tat dev.roster.adapters.Foo.bar(Foo.java:12)",
                "Caused by: org.postgresql.util.PSQLException", "at io.micronaut.http.Foo", "com.fasterxml.jackson.core.JsonParseException"})
        void findAStackTraceInAnyBody(String trace) {
            assertThat(checks.violations("GET", "/api/v1/users", 200, "text/plain", "{\"x\":\"" + trace + "\"}")).isNotEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA", "$2a$04$abcdefghijklmnopqrstuv",
                "$2b$10$abcdefghijklmnopqrstuv", "$2y$10$abcdefghijklmnopqrstuv"})
        void findAPasswordHashInAnyBody(String hash) {
            assertThat(checks.violations("GET", "/api/v1/users/export", 200, "text/csv", "email,hash\na@b.c," + hash + "\n"))
                    .singleElement().asString().contains("body contains");
        }

        @Test
        void findTheTextsATestAlsoForbids() {
            assertThat(checks.alsoForbidding("passwordHash").violations("GET", "/api/v1/me", 200, "application/json",
                    "{\"passwordHash\":null}")).isNotEmpty();
            assertThat(checks.violations("GET", "/api/v1/me", 200, "application/json", "{\"passwordHash\":null}")).isEmpty();
        }
    }

    @Nested
    class ErrorAnswers {
        @Test
        void passAProblemDocument() {
            assertThat(checks.violations("GET", "/api/v1/nothing", 404, "application/problem+json", PROBLEM)).isEmpty();
        }

        @Test
        void mustBeProblemJson() {
            assertThat(checks.violations("GET", "/api/v1/nothing", 404, "application/json", PROBLEM))
                    .containsExactly("Content-Type application/json on a 404");
            assertThat(checks.violations("GET", "/api/v1/nothing", 404, null, "")).contains("Content-Type null on a 404",
                    "body is not a JSON object");
        }

        @Test
        void mustHaveTypeTitleDetailAndTheHttpStatus() {
            assertThat(checks.violations("GET", "/api/v1/nothing", 401, "application/problem+json", "{\"status\":404}"))
                    .containsExactly("no \"type\"", "no \"title\"", "no \"detail\"", "\"status\" 404 is not the HTTP status");
        }

        @Test
        void includeServerErrors() {
            assertThat(checks.violations("POST", "/login", 503, "text/plain", "Service Unavailable")).isNotEmpty();
        }
    }

    @Nested
    class Exemptions {
        @Test
        void aHeadAnswerNeedsNoBodyButStillTheProblemContentType() {
            assertThat(checks.violations("HEAD", "/api/v1/nothing", 404, "application/problem+json", "")).isEmpty();
            assertThat(checks.violations("HEAD", "/api/v1/nothing", 404, "text/plain", "")).isNotEmpty();
        }

        @Test
        void theHealthReportIsTheBodyOfAFailingHealthCheckOnly() {
            String down = "{\"name\":\"roster\",\"status\":\"DOWN\"}";
            assertThat(checks.violations("GET", "/health", 503, "application/json", down)).isEmpty();
            assertThat(checks.violations("GET", "/health", 500, "application/json", down)).isNotEmpty();
            assertThat(checks.violations("GET", "/api/v1/users", 503, "application/json", down)).isNotEmpty();
            assertThat(checks.violations("GET", "/health", 503, "application/json", "{\"status\":\"UP\"}")).isNotEmpty();
        }

        @Test
        void metricsMayNameExceptionClassesInTagValuesButShowNoTrace() {
            String metrics = "http_server_requests_seconds_count{exception=\"DecompressionException\",status=\"400\"} 1.0\n";
            assertThat(checks.violations("GET", "/prometheus", 200, "text/plain", metrics)).isEmpty();
            assertThat(checks.violations("GET", "/api/v1/users", 200, "text/plain", metrics)).isNotEmpty();
            assertThat(checks.violations("GET", "/prometheus", 200, "text/plain", metrics + "\tat dev.roster.Foo\n")).isNotEmpty();
        }

        @Test
        void theImportMayDocumentTheHashFormatsButShowNoHash() {
            String report = "{\"errors\":[{\"line\":2,\"field\":\"passwordHash\",\"message\":\"must be an argon2id hash in PHC format "
                    + ResponseChecks.IMPORT_HASH_FORMAT_HINT + ", with a cost Roster can verify\"}]}";
            assertThat(checks.violations("POST", "/api/v1/users/import", 200, "application/json", report)).isEmpty();
            assertThat(checks.violations("POST", "/api/v1/users", 200, "application/json", report)).isNotEmpty();
            assertThat(checks.violations("POST", "/api/v1/users/import", 200, "application/json",
                    report + "$2a$04$abcdefghijklmnopqrstuv")).isNotEmpty();
        }
    }
}
