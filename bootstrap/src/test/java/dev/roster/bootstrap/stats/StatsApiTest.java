package dev.roster.bootstrap.stats;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.domain.user.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Statistics over HTTP on the real database: shapes, validation, access, and that the cache never serves stale counts. */
@MicronautTest(transactional = false)
class StatsApiTest {
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient http;

    private String admin;
    private final int year = LocalDate.now(ZoneOffset.UTC).getYear();
    private final String month = Integer.toString(LocalDate.now(ZoneOffset.UTC).getMonthValue());

    @BeforeEach
    void start() {
        database.clear();
        admin = accounts.adminToken();
    }

    private Map<String, Object> get(String path) {
        TestReply reply = http.send(HttpRequest.GET(path), admin);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private long thisMonth() {
        return ((Number) ((Map<?, ?>) get("/api/v1/stats/signups?year=" + year).get("months")).get(month)).longValue();
    }

    @Test
    void aYearHasTwelveZeroFilledMonthsCountingEveryStatus() {
        accounts.createUser("a@roster.test");
        String deleted = accounts.createUser("b@roster.test").id().toString();
        http.send(HttpRequest.DELETE("/api/v1/users/" + deleted), admin);

        Map<String, Object> stats = get("/api/v1/stats/signups?year=" + year);

        assertThat(stats.get("year")).isEqualTo(year);
        assertThat((Map<?, ?>) stats.get("months")).hasSize(12);
        assertThat(thisMonth()).isEqualTo(3); // the admin and both users, the deleted one included
    }

    @Test
    void repeatedQueriesFollowNewSignupsAndPurges() {
        long before = thisMonth();
        String id = accounts.createUser("new@roster.test").id().toString();
        assertThat(thisMonth()).isEqualTo(before + 1);

        http.send(HttpRequest.DELETE("/api/v1/users/" + id + "?hard=true"), admin);

        assertThat(thisMonth()).isEqualTo(before);
    }

    @Test
    void aRangeIsZeroFilledInTheRequestedZoneAndGranularity() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> days = get("/api/v1/stats/signups?from=" + today.minusDays(6) + "&to=" + today.plusDays(1) + "&tz=Pacific/Kiritimati");
        Map<String, Object> weeks = get("/api/v1/stats/signups?from=" + today.minusDays(30) + "&to=" + today + "&granularity=week");

        assertThat(days.get("tz")).isEqualTo("Pacific/Kiritimati");
        assertThat((List<?>) days.get("series")).hasSize(8);
        assertThat(((List<?>) days.get("series")).stream().mapToLong(p -> ((Number) ((Map<?, ?>) p).get("count")).longValue()).sum())
                .isEqualTo(1);
        assertThat(weeks.get("granularity")).isEqualTo("week");
        assertThat((List<?>) weeks.get("series")).allSatisfy(p -> assertThat(((Map<?, ?>) p).get("period").toString()).matches("\\d{4}-W\\d{2}"));
    }

    @Test
    void badParametersAreValidationProblems() {
        // each query with the parameters the problem must name
        Map<String, List<String>> queries = new LinkedHashMap<>();
        queries.put("year=abc", List.of("year"));
        queries.put("year=1800", List.of("year"));
        queries.put("from=2026-02-01&to=2026-01-01", List.of("to"));
        queries.put("from=2026-01-01&to=2026-02-01&tz=Mars/Olympus", List.of("tz"));
        queries.put("from=2026-01-01&to=2026-02-01&granularity=hour", List.of("granularity"));
        queries.put("from=yesterday&to=2026-01-01", List.of("from"));
        queries.put("", List.of("from", "to"));
        queries.put("year=2026&tz=UTC", List.of("year"));
        queries.forEach((query, fields) -> {
            TestReply reply = http.send(HttpRequest.GET("/api/v1/stats/signups?" + query), admin);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.body()).as(query).contains("/problems/validation-failed");
            reply.assertValidationFailed(fields.toArray(String[]::new));
        });
    }

    @Test
    void userCountsCoverEveryStatusAndRole() {
        accounts.createUser("auditor@roster.test", Role.AUDITOR);

        Map<String, Object> counts = get("/api/v1/stats/users");

        assertThat(counts.get("total")).isEqualTo(2);
        assertThat(counts.get("byStatus")).isEqualTo(Map.of("ACTIVE", 2, "DEACTIVATED", 0, "DELETED", 0, "ANONYMIZED", 0));
        assertThat(counts.get("byRole")).isEqualTo(Map.of("USER", 2, "AUDITOR", 1, "ADMIN", 1));
    }

    @Test
    void auditorsMayReadStatisticsButUsersMayNot() {
        String auditor = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);
        String user = accounts.tokenFor("user@roster.test");

        assertThat(http.send(HttpRequest.GET("/api/v1/stats/users"), auditor).status()).isEqualTo(200);
        assertThat(http.send(HttpRequest.GET("/api/v1/stats/signups?year=" + year), auditor).status()).isEqualTo(200);
        http.send(HttpRequest.GET("/api/v1/stats/users"), user).assertForbidden();
        http.send(HttpRequest.GET("/api/v1/stats/users"), null).assertUnauthorized();
    }
}
