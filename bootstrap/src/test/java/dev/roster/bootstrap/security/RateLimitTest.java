package dev.roster.bootstrap.security;

import static dev.roster.bootstrap.TestClient.ME;
import static dev.roster.bootstrap.TestClient.USERS;
import static dev.roster.bootstrap.TestRequests.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Rate limits with small test settings: 3 failed logins per email from one client (the tests' requests all come from
 * one) and 3 password changes per user every 2 seconds. A caller over the limit gets 429 rate-limited with Retry-After
 * in whole seconds, and is answered again after the period. Limiters are kept per (action, caller) for the whole
 * class, so every test uses its own emails and users.
 */
@MicronautTest(transactional = false)
@Property(name = "roster.rate-limits.limits.login-failures-per-account-and-client.permits", value = "3")
@Property(name = "roster.rate-limits.limits.login-failures-per-account-and-client.period", value = "PT2S")
@Property(name = "roster.rate-limits.limits.password-change.permits", value = "3")
@Property(name = "roster.rate-limits.limits.password-change.period", value = "PT2S")
class RateLimitTest {
    private static final int PERMITS = 3;
    private static final long PERIOD_MILLIS = 2_000;
    private static final String WRONG_PASSWORD = "not the right password";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;

    @BeforeEach
    void startEmpty() {
        database.clear();
    }

    @Nested
    class LoginFailuresPerEmailFromOneClient {
        @Test
        void theFourthWrongPasswordWithinThePeriodIs429WithRetryAfterAndTheLoginIsAnsweredAgainAfterThePeriod()
                throws InterruptedException {
            accounts.createUser("limited@roster.test");
            for (int i = 0; i < PERMITS; i++) {
                api.login("limited@roster.test", WRONG_PASSWORD).assertUnauthorized();
            }

            TestReply limited = api.login("limited@roster.test", WRONG_PASSWORD);

            assertRateLimited(limited);
            // the right password does not get through either while the limit holds
            assertRateLimited(api.login("limited@roster.test", TestAccounts.PASSWORD));

            Thread.sleep(PERIOD_MILLIS + 500);
            api.login("limited@roster.test", TestAccounts.PASSWORD).assertStatus(200);
        }

        @Test
        void anUnknownEmailIsLimitedTheSameWaySoTheLimitRevealsNoAccount() {
            for (int i = 0; i < PERMITS; i++) {
                api.login("nobody@roster.test", WRONG_PASSWORD).assertUnauthorized();
            }
            assertRateLimited(api.login("nobody@roster.test", WRONG_PASSWORD));
        }

        @Test
        void changingTheLetterCaseOfTheEmailDoesNotEscapeTheLimit() {
            accounts.createUser("case@roster.test");
            api.login("case@roster.test", WRONG_PASSWORD).assertUnauthorized();
            api.login("CASE@roster.test", WRONG_PASSWORD).assertUnauthorized();
            api.login("Case@Roster.Test", WRONG_PASSWORD).assertUnauthorized();

            assertRateLimited(api.login("cAsE@ROSTER.TEST", WRONG_PASSWORD));
            assertRateLimited(api.login(" case@roster.test ", WRONG_PASSWORD));
        }

        @Test
        void anotherEmailIsNotLimitedByTheFirstOnesFailures() {
            accounts.createUser("first@roster.test");
            accounts.createUser("second@roster.test");
            for (int i = 0; i < PERMITS; i++) {
                api.login("first@roster.test", WRONG_PASSWORD).assertUnauthorized();
            }
            assertRateLimited(api.login("first@roster.test", WRONG_PASSWORD));

            api.login("second@roster.test", TestAccounts.PASSWORD).assertStatus(200);
        }
    }

    @Nested
    class PasswordChange {
        @Test
        void anAdministratorSettingAUsersPasswordBeyondTheLimitGets429() {
            String adminToken = accounts.adminToken();
            String id = accounts.createUser("target@roster.test").id().toString();
            for (int i = 0; i < PERMITS; i++) {
                api.putJson(USERS + "/" + id + "/password", "{\"password\":" + quote("new password number " + i) + "}", adminToken)
                        .assertStatus(204);
            }

            TestReply limited = api.putJson(USERS + "/" + id + "/password", "{\"password\":\"one password too many\"}", adminToken);

            assertRateLimited(limited);
            api.login("target@roster.test", "new password number 2").assertStatus(200);
            api.login("target@roster.test", "one password too many").assertUnauthorized();
        }

        @Test
        void guessingTheCurrentPasswordThroughMeIsLimited() {
            accounts.createUser("guesser@roster.test");
            String token = accounts.login("guesser@roster.test", TestAccounts.PASSWORD);
            for (int i = 0; i < PERMITS; i++) {
                api.putJson(ME + "/password", "{\"currentPassword\":" + quote("guess number " + i)
                        + ",\"newPassword\":\"the password i want\"}", token).assertValidationFailed("currentPassword");
            }

            assertRateLimited(api.putJson(ME + "/password", "{\"currentPassword\":" + quote(TestAccounts.PASSWORD)
                    + ",\"newPassword\":\"the password i want\"}", token));
        }
    }

    /** 429 rate-limited with a Retry-After of whole seconds, at least 1 and at most the period. */
    private static void assertRateLimited(TestReply reply) {
        reply.assertProblem(429, "rate-limited");
        String retryAfter = reply.header("Retry-After");
        assertThat(retryAfter).as("Retry-After of %s", reply).isNotNull().matches("[0-9]+");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, PERIOD_MILLIS / 1000);
    }
}
