package dev.roster.bootstrap.security;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The shared rate-limit store stops answering while the rest of the database works (ADR 0023): another session holds
 * an exclusive lock on {@code rate_limit_windows}, so every limiter statement runs into its timeout (1 s here). A login
 * is refused with 503 service-unavailable and Retry-After, even with the right password: never let through uncounted,
 * never a 500. An export, which does not guard a password, goes on under this instance's own limit (2 here), and every
 * failure is counted at /prometheus. Once the lock is gone, logins work again. PostgreSQL only.
 */
@MicronautTest(transactional = false)
@Property(name = "roster.rate-limits.store-timeout", value = "1s")
@Property(name = "roster.rate-limits.limits.export.permits", value = "2")
class RateLimitStoreDownTest {
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;
    @Inject
    @Named("default")
    DataSource dataSource;

    @BeforeEach
    void onPostgres() {
        assumeThat(database.productName()).isEqualTo("PostgreSQL");
        database.clear();
    }

    @Test
    void loginsAreRefusedWith503AndOtherLimitsAreCountedByTheInstanceAlone() throws SQLException {
        String admin = accounts.adminToken();
        accounts.createUser("locked-out@roster.test");

        try (Connection locker = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE rate_limit_windows IN ACCESS EXCLUSIVE MODE");
            }

            TestReply login = api.login("locked-out@roster.test", TestAccounts.PASSWORD);
            login.assertProblem(503, "service-unavailable");
            assertThat(login.header("Retry-After")).isEqualTo("5");
            assertThat(login.body()).doesNotContain("Exception").doesNotContain("rate_limit_windows");
            api.login("locked-out@roster.test", "a wrong password").assertProblem(503, "service-unavailable");

            api.get("/api/v1/users/export?format=csv", admin).assertStatus(200);
            api.get("/api/v1/users/export?format=csv", admin).assertStatus(200);
            api.get("/api/v1/users/export?format=csv", admin).assertProblem(429, "rate-limited");

            locker.rollback();
        }

        api.login("locked-out@roster.test", TestAccounts.PASSWORD).assertStatus(200);
        String metrics = api.get("/prometheus", admin).assertStatus(200).body();
        assertThat(counter(metrics, "roster_rate_limit_store_failures_total", "login-per-client", "refused")).isGreaterThanOrEqualTo(2);
        assertThat(counter(metrics, "roster_rate_limit_store_failures_total", "export", "local-only")).isEqualTo(2);
        assertThat(counter(metrics, "roster_rate_limit_refusals_total", "export", "local")).isEqualTo(1);
    }

    private static double counter(String metrics, String name, String action, String tag) {
        Matcher line = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(metrics);
        while (line.find()) {
            if (line.group(1).contains("action=\"" + action + "\"") && line.group(1).contains("\"" + tag + "\"")) {
                return Double.parseDouble(line.group(2));
            }
        }
        throw new AssertionError(name + " for " + action + " not found");
    }
}
