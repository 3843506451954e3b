package dev.roster.bootstrap.export;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.domain.user.Role;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The streamed export over HTTP, with pages of 3 so that every export spans several of them. */
@MicronautTest(transactional = false)
@Property(name = "roster.export.page-size", value = "3")
class ExportApiTest {
    private static final String EXPORT = "/api/v1/users/export";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient http;

    private String admin;

    @BeforeEach
    void tenUsers() {
        database.clear();
        admin = accounts.adminToken();
        for (int i = 0; i < 10; i++) {
            accounts.createUser(String.format("user-%02d@roster.test", i));
        }
    }

    private TestReply export(String query) {
        return http.send(HttpRequest.GET(EXPORT + query), admin);
    }

    @Test
    void streamsEveryMatchingUserAcrossManyPagesInCreationOrder() {
        TestReply reply = export("?fields=email&q=user-");

        assertThat(reply.status()).isEqualTo(200);
        List<String> lines = Arrays.asList(reply.body().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("email");
        assertThat(lines.subList(1, lines.size())).containsExactly("user-00@roster.test", "user-01@roster.test", "user-02@roster.test",
                "user-03@roster.test", "user-04@roster.test", "user-05@roster.test", "user-06@roster.test", "user-07@roster.test",
                "user-08@roster.test", "user-09@roster.test");
    }

    @Test
    void appliesTheListFiltersAndTheFieldSelection() {
        String deleted = accounts.createUser("gone@roster.test").id().toString();
        http.send(HttpRequest.DELETE("/api/v1/users/" + deleted), admin);
        accounts.createUser("auditor@roster.test", Role.AUDITOR);

        assertThat(export("?fields=email&role=AUDITOR").body()).isEqualTo("email\r\nauditor@roster.test\r\n");
        assertThat(export("?fields=email,status&status=DELETED").body()).isEqualTo("email,status\r\ngone@roster.test,DELETED\r\n");
        assertThat(export("?fields=email").body()).doesNotContain("gone@roster.test");
    }

    /** Issue 11 point 8: the format parameter wins; a matching or wildcard Accept is fine; a contradicting one is 406. */
    @Nested
    class ContentNegotiation {
        private TestReply export(String query, String accept) {
            return http.send(HttpRequest.GET(EXPORT + query).header(HttpHeaders.ACCEPT, accept), admin);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "?format=csv&fields=email|text/csv|text/csv",
                "?format=csv&fields=email|text/*|text/csv",
                "?format=csv&fields=email|*/*|text/csv",
                "?format=csv&fields=email|application/json;q=0.9, text/csv|text/csv",
                "?format=ndjson&fields=email|application/x-ndjson|application/x-ndjson",
                "?format=json&fields=email|application/json|application/json",
                "?fields=email|application/x-ndjson|application/x-ndjson",
                "?fields=email|text/csv|text/csv"})
        void aMatchingOrWildcardAcceptGetsTheExport(String query, String accept, String expectedType) {
            TestReply reply = export(query, accept).assertStatus(200);

            assertThat(reply.contentType()).startsWith(expectedType);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "?format=csv|application/json",
                "?format=ndjson|text/csv",
                "?format=json|application/x-ndjson",
                "?format=csv|text/csv;q=0"})
        void aContradictingAcceptIs406(String query, String accept) {
            export(query, accept).assertProblem(406, "not-acceptable");
        }
    }

    @Test
    void ndjsonAndJsonCarryTheSameUsers() {
        TestReply ndjson = export("?format=ndjson&fields=email&q=user-0");
        TestReply json = export("?format=json&fields=email,roles&q=user-00");

        assertThat(ndjson.body().split("\n")).hasSize(10).allSatisfy(line -> assertThat(line).startsWith("{\"email\":\"user-0"));
        assertThat(json.body()).isEqualTo("[{\"email\":\"user-00@roster.test\",\"roles\":[\"USER\"]}]");
    }

    @Test
    void neutralisesFormulasBehindInvisibleCharactersOrInFullwidthFormsAndEscapesLineSeparatorsInJson() {
        http.postJson("/api/v1/users", "{\"email\":\"hidden@roster.test\",\"displayName\":\"\u00a0\u200b=1+1\"}", admin).assertStatus(201);
        http.postJson("/api/v1/users", "{\"email\":\"wide@roster.test\",\"displayName\":\"\uff20SUM(A1)\"}", admin).assertStatus(201);
        http.postJson("/api/v1/users", "{\"email\":\"lines@roster.test\",\"displayName\":\"one\u2028two\",\"attributes\":"
                + "{\"note\":\"three\u2029four\"}}", admin).assertStatus(201);

        assertThat(export("?fields=email,displayName&q=hidden@").body()).isEqualTo("email,displayName\r\nhidden@roster.test,'\u00a0\u200b=1+1\r\n");
        assertThat(export("?fields=displayName&q=wide@").body()).isEqualTo("displayName\r\n'\uff20SUM(A1)\r\n");
        for (String format : List.of("ndjson", "json")) {
            String body = export("?format=" + format + "&fields=displayName,attributes&q=lines@").body();
            assertThat(body).as(format).doesNotContain("\u2028", "\u2029").contains("one\\u2028two", "three\\u2029four");
        }
    }

    @Test
    void neverContainsAPasswordHashAndEveryDefaultFieldIsNamed() {
        TestReply reply = export("");

        assertThat(reply.body().lines().findFirst().orElseThrow()).isEqualTo(
                "id,email,displayName,phone,attributes,roles,status,active,hasPassword,createdAt,updatedAt,lastLoginAt,deletedAt,anonymizedAt,version");
        assertThat(reply.body()).doesNotContain("$argon2");
    }

    @Test
    void isAuditedWithItsRowCountAndNoPersonalData() {
        export("?fields=email&q=user-0");

        Map<String, Object> page = http.send(HttpRequest.GET("/api/v1/audit-events?action=users.exported"), admin).json();
        Map<?, ?> details = (Map<?, ?>) ((Map<?, ?>) ((List<?>) page.get("items")).get(0)).get("details");
        assertThat(details.get("rows")).isEqualTo("10");
        assertThat(details.get("format")).isEqualTo("csv");
        assertThat(details.toString()).doesNotContain("user-0").doesNotContain("@");
    }

    @Test
    void badParametersAreProblemsAndUsersMayNotExport() {
        export("?format=xml").assertValidationFailed("format");
        export("?fields=email,passwordHash").assertValidationFailed("fields");
        export("?fields=email,email").assertValidationFailed("fields");
        export("?status=GONE").assertValidationFailed("status");
        http.send(HttpRequest.GET(EXPORT), accounts.tokenFor("plain@roster.test")).assertForbidden();
        assertThat(http.send(HttpRequest.GET(EXPORT), accounts.tokenFor("auditor2@roster.test", Role.AUDITOR)).status()).isEqualTo(200);
    }
}
