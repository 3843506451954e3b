package dev.roster.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.bootstrap.TestRequests;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An attacker with many addresses cannot lock the owner out (ADR 0015). Behind one trusted proxy (X-Forwarded-For's
 * right-most entry is the client), with 3 failed logins per (email, client) and 5 per email a minute: every attacking
 * client is refused after its failures, with Retry-After, even with the right password, while the owner, from its own
 * address, logs in; an email without an account gets the same answers. Every test uses its own addresses and emails
 * (the admin's only once), since limiters live as long as the context.
 */
@MicronautTest(transactional = false)
@Property(name = "micronaut.server.client-address-header", value = "X-Forwarded-For")
@Property(name = "roster.http.trusted-proxies", value = "1")
@Property(name = "roster.rate-limits.limits.login-failures-per-account-and-client.permits", value = "3")
@Property(name = "roster.rate-limits.limits.login-failures-per-account-and-client.period", value = "PT1M")
@Property(name = "roster.rate-limits.limits.login-failures-per-account.permits", value = "5")
@Property(name = "roster.rate-limits.limits.login-failures-per-account.period", value = "PT1M")
class LoginFromManyClientsTest {
    private static final int PER_CLIENT = 3;
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
    class AnAttackerHammeringTheAdminsEmailFromTenAddresses {
        @Test
        void isRefusedWithRetryAfterAtEachAddressWhileTheOwnerLogsInFromItsOwn() {
            accounts.adminToken();
            for (int attacker = 1; attacker <= 10; attacker++) {
                String address = "198.51.100." + attacker;
                int answered = 0;
                TestReply reply = login(TestAccounts.ADMIN_EMAIL, WRONG_PASSWORD, address);
                while (reply.status() == 401) {
                    answered++;
                    assertThat(answered).as("wrong passwords answered from %s", address).isLessThanOrEqualTo(PER_CLIENT);
                    reply = login(TestAccounts.ADMIN_EMAIL, WRONG_PASSWORD, address);
                }
                assertRateLimited(reply);
                assertRateLimited(login(TestAccounts.ADMIN_EMAIL, TestAccounts.PASSWORD, address));
            }

            login(TestAccounts.ADMIN_EMAIL, TestAccounts.PASSWORD, "203.0.113.10").assertStatus(200);
            login(TestAccounts.ADMIN_EMAIL, TestAccounts.PASSWORD, "203.0.113.10").assertStatus(200);
        }
    }

    @Nested
    class AnAttackOnAnEmailWithoutAnAccount {
        @Test
        void getsTheSameAnswersAsAnAttackOnAnAccount() {
            accounts.createUser("target@roster.test");
            StringBuilder forAccount = new StringBuilder();
            StringBuilder forNobody = new StringBuilder();
            for (int attacker = 1; attacker <= 4; attacker++) {
                for (int attempt = 0; attempt <= PER_CLIENT; attempt++) {
                    forAccount.append(login("target@roster.test", WRONG_PASSWORD, "198.51.100." + (20 + attacker)).status()).append(' ');
                    forNobody.append(login("nobody@roster.test", WRONG_PASSWORD, "198.51.100." + (30 + attacker)).status()).append(' ');
                }
            }

            // 3 failures from the first client, 2 more from the second use up the email's 5; then one failure per client
            assertThat(forAccount.toString()).isEqualTo("401 401 401 429 401 401 401 429 401 429 429 429 401 429 429 429 ");
            assertThat(forNobody.toString()).isEqualTo(forAccount.toString());
        }
    }

    private TestReply login(String email, String password, String address) {
        return api.send(HttpRequest.POST("/login", "{\"username\":" + TestRequests.quote(email) + ",\"password\":"
                        + TestRequests.quote(password) + "}")
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Forwarded-For", "192.0.2.99, " + address), null);
    }

    private static void assertRateLimited(TestReply reply) {
        reply.assertProblem(429, "rate-limited");
        assertThat(reply.header("Retry-After")).as("Retry-After of %s", reply).matches("[1-9][0-9]*");
        assertThat(Long.parseLong(reply.header("Retry-After"))).isLessThanOrEqualTo(60);
    }
}
