package dev.roster.bootstrap.security;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.roster.bootstrap.TestRequests.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Two instances on one PostgreSQL count the login limits together (SPEC §7, ADR 0023): 10 wrong passwords for one
 * email from one client, alternating between the instances, and the 11th is 429 on either, the right password
 * included; 15 logins from one client spread over both, and the 16th is 429 on either. Each instance saw only about
 * half of them, so its own count would have let them through. Each test logs in from a client address of its own
 * (X-Forwarded-For, trusted here), so that neither the shared windows nor the instances' own limiters carry counts from
 * one test into another. PostgreSQL only (H2 is single-instance).
 */
class SharedRateLimitsTest {
    private static final int FAILURES_PER_PAIR = 10;
    private static final int LOGINS_PER_CLIENT = 15;
    private static final long PERIOD_SECONDS = 60;
    private static final String WRONG_PASSWORD = "not the right password";

    private static EmbeddedServer first;
    private static EmbeddedServer second;
    private static TestClient onFirst;
    private static TestClient onSecond;
    private static TestDatabase database;
    private static TestAccounts accounts;

    @BeforeAll
    static void startTwoInstancesOnOneDatabase() {
        first = instance();
        database = first.getApplicationContext().getBean(TestDatabase.class);
        assumeThat(database.productName()).as("multi-instance tests run on PostgreSQL").isEqualTo("PostgreSQL");
        second = instance();
        onFirst = first.getApplicationContext().getBean(TestClient.class);
        onSecond = second.getApplicationContext().getBean(TestClient.class);
        accounts = first.getApplicationContext().getBean(TestAccounts.class);
    }

    private static EmbeddedServer instance() {
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "micronaut.server.client-address-header", "X-Forwarded-For",
                "roster.rate-limits.limits.login-failures-per-account-and-client.permits", FAILURES_PER_PAIR,
                "roster.rate-limits.limits.login-failures-per-account-and-client.period", "PT1M",
                "roster.rate-limits.limits.login-per-client.permits", LOGINS_PER_CLIENT,
                "roster.rate-limits.limits.login-per-client.period", "PT1M"), "test");
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @BeforeEach
    void startWithFreshLimits() {
        database.clear();
    }

    @Test
    void tenWrongPasswordsSpreadOverTwoInstancesAndTheEleventhIs429OnEitherEvenWithTheRightPassword() {
        String client = "198.51.100.10";
        accounts.createUser("shared@roster.test");
        for (int i = 0; i < FAILURES_PER_PAIR; i++) {
            login(instance(i), client, "shared@roster.test", WRONG_PASSWORD).assertUnauthorized();
        }

        assertRateLimited(login(onFirst, client, "shared@roster.test", WRONG_PASSWORD));
        assertRateLimited(login(onSecond, client, "shared@roster.test", WRONG_PASSWORD));
        assertRateLimited(login(onFirst, client, "shared@roster.test", TestAccounts.PASSWORD));
        assertRateLimited(login(onSecond, client, "shared@roster.test", TestAccounts.PASSWORD));
        // only that email is refused to that client, and that client only
        accounts.createUser("other@roster.test");
        login(onSecond, client, "other@roster.test", TestAccounts.PASSWORD).assertStatus(200);
        login(onFirst, "198.51.100.11", "shared@roster.test", TestAccounts.PASSWORD).assertStatus(200);
    }

    @Test
    void fifteenLoginsFromOneClientSpreadOverTwoInstancesAndTheSixteenthIs429OnEither() {
        String client = "198.51.100.20";
        for (int i = 0; i < LOGINS_PER_CLIENT; i++) {
            login(instance(i), client, "sprayed-" + i + "@roster.test", WRONG_PASSWORD).assertUnauthorized();
        }

        assertRateLimited(login(onFirst, client, "sprayed-first@roster.test", WRONG_PASSWORD));
        assertRateLimited(login(onSecond, client, "sprayed-second@roster.test", WRONG_PASSWORD));
        login(onSecond, "198.51.100.21", "sprayed-second@roster.test", WRONG_PASSWORD).assertUnauthorized();
    }

    private static TestReply login(TestClient instance, String client, String email, String password) {
        return instance.send(HttpRequest.POST("/login", "{\"username\":" + quote(email) + ",\"password\":" + quote(password) + "}")
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Forwarded-For", client), null);
    }

    private static TestClient instance(int attempt) {
        return attempt % 2 == 0 ? onFirst : onSecond;
    }

    /** 429 rate-limited; Retry-After is what is left of the shared window: whole seconds, at least 1, at most the period. */
    private static void assertRateLimited(TestReply reply) {
        reply.assertProblem(429, "rate-limited");
        String retryAfter = reply.header("Retry-After");
        assertThat(retryAfter).as("Retry-After of %s", reply).isNotNull().matches("[0-9]+");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, PERIOD_SECONDS);
    }
}
