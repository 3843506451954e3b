package dev.roster.bootstrap.security;

import static dev.roster.bootstrap.TestClient.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.bootstrap.TestRequests;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /login}: a bearer token for the right email and password, and one and the same 401 for every failure,
 * whatever its reason, so that a caller learns nothing about which emails have accounts.
 */
@MicronautTest(transactional = false)
class LoginTest {
    private static final String EMAIL = "jane@roster.test";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;

    @BeforeEach
    void startWithOneUser() {
        database.clear();
        accounts.createUser(EMAIL);
    }

    @Nested
    class Success {
        @Test
        void theRightPasswordGivesABearerToken() {
            TestReply reply = api.login(EMAIL, TestAccounts.PASSWORD).assertStatus(200);

            assertThat(reply.contentType()).startsWith("application/json");
            Map<String, Object> token = reply.json();
            assertThat(token.get("access_token")).isInstanceOf(String.class);
            assertThat((String) token.get("access_token")).isNotBlank();
            assertThat(token.get("token_type")).isEqualTo("Bearer");
            assertThat(((Number) token.get("expires_in")).intValue()).isPositive();
        }

        @Test
        void theTokenResponseIsNeverCached() {
            TestReply reply = api.login(EMAIL, TestAccounts.PASSWORD).assertStatus(200);

            // RFC 6749 section 5.1: a response that carries a token must not be stored by any cache
            assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
            assertThat(reply.header("Pragma")).isEqualTo("no-cache");
        }

        @Test
        void theTokenActsAsTheUserWhoLoggedIn() {
            String token = (String) api.login(EMAIL, TestAccounts.PASSWORD).assertStatus(200).json().get("access_token");
            assertThat(api.me(token)).containsEntry("email", EMAIL);
        }

        @Test
        void theEmailIsMatchedWithoutRegardToLetterCase() {
            api.login("JANE@Roster.TEST", TestAccounts.PASSWORD).assertStatus(200);
        }
    }

    @Nested
    class LastLoginAt {
        @Test
        void aSuccessfulLoginSetsLastLoginAtWithoutChangingTheVersionOrETag() {
            String adminToken = accounts.adminToken();
            String id = (String) api.get(TestRequests.uri(USERS, "q", EMAIL), adminToken).items().get(0).get("id");
            TestReply before = api.get(USERS + "/" + id, adminToken).assertStatus(200);
            assertThat(before.json().get("lastLoginAt")).isNull();

            api.login(EMAIL, TestAccounts.PASSWORD).assertStatus(200);

            TestReply after = api.get(USERS + "/" + id, adminToken).assertStatus(200);
            assertThat(after.json().get("lastLoginAt")).isInstanceOf(String.class);
            assertThat(after.json().get("version")).isEqualTo(before.json().get("version"));
            assertThat(after.header("ETag")).isEqualTo(before.header("ETag"));
            assertThat(after.json().get("updatedAt")).isEqualTo(before.json().get("updatedAt"));
        }

        @Test
        void aFailedLoginDoesNotSetLastLoginAt() {
            String adminToken = accounts.adminToken();
            String id = (String) api.get(TestRequests.uri(USERS, "q", EMAIL), adminToken).items().get(0).get("id");

            api.login(EMAIL, "not the password of jane").assertUnauthorized();

            assertThat(api.user(id, adminToken).get("lastLoginAt")).isNull();
        }
    }

    @Nested
    class EveryFailureLooksTheSame {
        @Test
        void unknownEmailAndWrongPasswordGiveByteIdenticalBodiesAndTheSameHeaders() {
            TestReply unknownEmail = api.login("nobody@roster.test", TestAccounts.PASSWORD);
            TestReply wrongPassword = api.login(EMAIL, "not the password of jane");

            unknownEmail.assertUnauthorized();
            assertThat(wrongPassword.status()).isEqualTo(401);
            wrongPassword.assertUnauthorized();
            assertThat(wrongPassword.body()).isEqualTo(unknownEmail.body());
            assertThat(withoutDate(wrongPassword)).isEqualTo(withoutDate(unknownEmail));
            assertThat(unknownEmail.body()).doesNotContain("nobody").doesNotContain("jane");
        }

        @Test
        void aDeactivatedUserWithTheRightPasswordGetsTheSame401() {
            String adminToken = accounts.adminToken();
            String id = api.idOf(accounts.login(EMAIL, TestAccounts.PASSWORD));
            api.post(USERS + "/" + id + "/deactivate", adminToken).assertStatus(200);

            assertSameAsUnknownEmail(api.login(EMAIL, TestAccounts.PASSWORD));
        }

        @Test
        void aUserWithoutAPasswordGetsTheSame401() {
            String adminToken = accounts.adminToken();
            api.createUser("{\"email\":\"no-password@roster.test\"}", adminToken);

            assertSameAsUnknownEmail(api.login("no-password@roster.test", TestAccounts.PASSWORD));
            assertSameAsUnknownEmail(api.login("no-password@roster.test", " "));
        }

        @Test
        void aMalformedEmailGetsTheSame401() {
            assertSameAsUnknownEmail(api.login("not-an-email", TestAccounts.PASSWORD));
            assertSameAsUnknownEmail(api.login("jane@", TestAccounts.PASSWORD));
            assertSameAsUnknownEmail(api.login("x".repeat(300) + "@roster.test", TestAccounts.PASSWORD));
        }

        @Test
        void thePasswordOfAnotherAccountGetsTheSame401() {
            accounts.createUser("john@roster.test");
            assertSameAsUnknownEmail(api.login(EMAIL, TestAccounts.PASSWORD + "!"));
        }

        private void assertSameAsUnknownEmail(TestReply reply) {
            TestReply unknownEmail = api.login("nobody@roster.test", TestAccounts.PASSWORD);
            assertThat(reply.status()).isEqualTo(401);
            reply.assertUnauthorized();
            assertThat(reply.body()).isEqualTo(unknownEmail.body());
            assertThat(withoutDate(reply)).isEqualTo(withoutDate(unknownEmail));
        }
    }

    @Nested
    class BadRequests {
        @Test
        void aMissingPasswordIs400() {
            api.postJson("/login", "{\"username\":\"jane@roster.test\"}", null).assertValidationFailed("password");
            api.postJson("/login", "{\"username\":\"jane@roster.test\",\"password\":\"\"}", null)
                    .assertValidationFailed("password");
        }

        @Test
        void aMissingUsernameIs400() {
            api.postJson("/login", "{\"password\":\"a test password that is long\"}", null)
                    .assertValidationFailed("username");
            api.postJson("/login", "{\"username\":\" \",\"password\":\"a test password that is long\"}", null)
                    .assertValidationFailed("username");
        }

        @Test
        void anEmptyObjectNamesBothFields() {
            api.postJson("/login", "{}", null).assertValidationFailed("username", "password");
        }

        @Test
        void malformedJsonIs400() {
            api.postJson("/login", "{\"username\":", null).assertProblem(400, "malformed-json");
        }
    }

    /** The response headers (names in lower case) without Date, which differs from one second to the next. */
    private static Map<String, List<String>> withoutDate(TestReply reply) {
        Map<String, List<String>> headers = new TreeMap<>(reply.headers());
        headers.remove("date");
        return headers;
    }
}
