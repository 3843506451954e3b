package dev.roster.bootstrap.security;

import static dev.roster.bootstrap.TestClient.ME;
import static dev.roster.bootstrap.TestClient.USERS;
import static dev.roster.bootstrap.TestRequests.quote;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Locale;
import java.util.stream.Stream;

/**
 * Passwords: the policy (12 to 128 characters, not the email, not a common password) wherever a password is set, the
 * administrator's reset, the user's own change with its current password, and no hash in any response body.
 */
@MicronautTest(transactional = false)
class PasswordTest {
    private static final String EMAIL = "jane.doe.example@roster.test";
    private static final String WEAK_PASSWORDS = "dev.roster.bootstrap.security.PasswordTest#weakPasswords";
    private static final String WEAK_FOR_ANY_EMAIL = "dev.roster.bootstrap.security.PasswordTest#weakForAnyEmail";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient http;

    private TestClient api;
    private String adminToken;
    private String janeId;

    static Stream<Arguments> weakPasswords() {
        return Stream.of(
                Arguments.of("11 characters", "elevenchars", "at least 12"),
                Arguments.of("11 characters counted as code points, not UTF-16 units", "😀".repeat(11), "at least 12"),
                Arguments.of("129 characters", "abcdefghijklmnopqrstuvwxyz0123456789".repeat(4).substring(0, 129), "at most 128"),
                Arguments.of("the email", EMAIL, "email"),
                Arguments.of("the email in other letter case", EMAIL.toUpperCase(Locale.ROOT), "email"),
                Arguments.of("the email's local part", "jane.doe.example", "email"),
                Arguments.of("a common password of 12 characters", "1q2w3e4r5t6y", "common"),
                Arguments.of("a common password in other letter case", "1Q2W3E4R5T6Y", "common"),
                Arguments.of("another common password of 12 characters", "password1234", "common"));
    }

    /** The cases that do not depend on the account's email. */
    static Stream<Arguments> weakForAnyEmail() {
        return weakPasswords().filter(arguments -> !arguments.get()[2].equals("email"));
    }

    @BeforeEach
    void startWithOneUser() {
        database.clear();
        // these tests also check that no body names the hash field
        api = http.alsoForbidding("passwordHash", "password_hash");
        adminToken = accounts.adminToken();
        accounts.createUser(EMAIL);
        janeId = api.idOf(accounts.login(EMAIL, TestAccounts.PASSWORD));
    }

    @Nested
    class Policy {
        @ParameterizedTest(name = "{0}")
        @MethodSource(WEAK_PASSWORDS)
        void anAdministratorCannotSetAWeakPassword(String description, String password, String reason) {
            TestReply reply = api.putJson(USERS + "/" + janeId + "/password", "{\"password\":" + quote(password) + "}", adminToken);

            reply.assertProblem(400, "weak-password");
            assertThat(reply.detail()).contains(reason).doesNotContain(password);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(WEAK_FOR_ANY_EMAIL)
        void noUserIsCreatedWithAWeakPassword(String description, String password, String reason) {
            String email = "john.smith@roster.test";
            TestReply reply = api.postJson(USERS, "{\"email\":" + quote(email) + ",\"password\":" + quote(password) + "}",
                    adminToken);

            reply.assertProblem(400, "weak-password");
            assertThat(reply.detail()).contains(reason);
            assertThat(api.get(TestRequests.uri(USERS + "/count", "q", email), adminToken).json().get("count")).isEqualTo(0);
        }

        @Test
        void noUserIsCreatedWithItsEmailOrItsLocalPartAsPassword() {
            String email = "someone.long.enough@roster.test";
            for (String password : new String[] {email, "Someone.Long.Enough"}) {
                api.postJson(USERS, "{\"email\":" + quote(email) + ",\"password\":" + quote(password) + "}", adminToken)
                        .assertProblem(400, "weak-password");
            }
            assertThat(api.get(TestRequests.uri(USERS + "/count", "q", email), adminToken).json().get("count")).isEqualTo(0);
        }

        @Test
        void twelveAndOneHundredTwentyEightCharactersThatAreNotCommonAreAccepted() {
            api.putJson(USERS + "/" + janeId + "/password", "{\"password\":\"plum-kettle-9\"}", adminToken)
                    .assertStatus(204);
            String longest = "correct horse battery staple ".repeat(5).substring(0, 128);
            api.putJson(USERS + "/" + janeId + "/password", "{\"password\":" + quote(longest) + "}", adminToken)
                    .assertStatus(204);
            api.login(EMAIL, longest).assertStatus(200);
        }

        @Test
        void aUserCreatedWithAGoodPasswordCanLogIn() {
            TestReply created = api.postJson(USERS,
                    "{\"email\":\"john@roster.test\",\"password\":\"john's own good password\"}", adminToken);
            created.assertStatus(201);
            assertThat(created.json().get("hasPassword")).isEqualTo(true);

            api.login("john@roster.test", "john's own good password").assertStatus(200);
        }
    }

    @Nested
    class SetByAnAdministrator {
        @Test
        void theUserLogsInWithTheNewPasswordAndNoLongerWithTheOldOne() {
            api.putJson(USERS + "/" + janeId + "/password", "{\"password\":\"chosen by the administrator\"}", adminToken)
                    .assertStatus(204);

            api.login(EMAIL, "chosen by the administrator").assertStatus(200);
            api.login(EMAIL, TestAccounts.PASSWORD).assertUnauthorized();
        }

        @Test
        void aUserWithoutAPasswordGetsOne() {
            String id = api.createUser("{\"email\":\"no-password@roster.test\"}", adminToken);
            assertThat(api.user(id, adminToken).get("hasPassword")).isEqualTo(false);

            api.putJson(USERS + "/" + id + "/password", "{\"password\":\"a first password here\"}", adminToken)
                    .assertStatus(204);

            assertThat(api.user(id, adminToken).get("hasPassword")).isEqualTo(true);
            api.login("no-password@roster.test", "a first password here").assertStatus(200);
        }

        @Test
        void aMissingPasswordIs400() {
            api.putJson(USERS + "/" + janeId + "/password", "{}", adminToken).assertValidationFailed("password");
            api.putJson(USERS + "/" + janeId + "/password", "{\"password\":\"\"}", adminToken).assertValidationFailed("password");
            api.putJson(USERS + "/" + janeId + "/password", "{\"password\":null}", adminToken).assertValidationFailed("password");
        }

        @Test
        void anUnknownUserIs404() {
            api.putJson(USERS + "/00000000-0000-7000-8000-000000000000/password", "{\"password\":\"a good long password\"}",
                    adminToken).assertProblem(404, "not-found");
        }
    }

    @Nested
    class ChangedByTheUser {
        private String janeToken;

        @BeforeEach
        void logInAsJane() {
            janeToken = accounts.login(EMAIL, TestAccounts.PASSWORD);
        }

        @Test
        void theWrongCurrentPasswordIs400NamingCurrentPassword() {
            api.putJson(ME + "/password", change("not my current password", "my brand new password"), janeToken)
                    .assertValidationFailed("currentPassword");

            api.login(EMAIL, TestAccounts.PASSWORD).assertStatus(200);
            api.login(EMAIL, "my brand new password").assertUnauthorized();
        }

        @Test
        void theRightCurrentPasswordChangesItAndOnlyTheNewOneWorksAfterwards() {
            api.putJson(ME + "/password", change(TestAccounts.PASSWORD, "my brand new password"), janeToken)
                    .assertStatus(204);

            api.login(EMAIL, TestAccounts.PASSWORD).assertUnauthorized();
            api.login(EMAIL, "my brand new password").assertStatus(200);
        }

        @Test
        void aWeakNewPasswordIs400AndTheOldOneStillWorks() {
            api.putJson(ME + "/password", change(TestAccounts.PASSWORD, "1q2w3e4r5t6y"), janeToken)
                    .assertProblem(400, "weak-password");
            api.putJson(ME + "/password", change(TestAccounts.PASSWORD, "short"), janeToken)
                    .assertProblem(400, "weak-password");

            api.login(EMAIL, TestAccounts.PASSWORD).assertStatus(200);
        }

        @Test
        void missingFieldsAre400() {
            api.putJson(ME + "/password", "{\"newPassword\":\"my brand new password\"}", janeToken)
                    .assertValidationFailed("currentPassword");
            api.putJson(ME + "/password", "{\"currentPassword\":" + quote(TestAccounts.PASSWORD) + "}", janeToken)
                    .assertValidationFailed("newPassword");
            api.putJson(ME + "/password", "{}", janeToken).assertValidationFailed("currentPassword", "newPassword");

            api.login(EMAIL, TestAccounts.PASSWORD).assertStatus(200);
        }

        private static String change(String current, String next) {
            return "{\"currentPassword\":" + quote(current) + ",\"newPassword\":" + quote(next) + "}";
        }
    }

    @Nested
    class NoHashInAnyBody {
        @Test
        void usersWithPasswordsAreShownWithoutTheirHash() {
            String janeToken = accounts.login(EMAIL, TestAccounts.PASSWORD);
            TestReply one = api.get(USERS + "/" + janeId, adminToken).assertStatus(200);
            TestReply list = api.get(TestRequests.uri(USERS, "status", "ALL"), adminToken).assertStatus(200);
            TestReply me = api.get(ME, janeToken).assertStatus(200);
            TestReply patched = api.patch(ME, "{\"displayName\":\"Jane\"}", janeToken).assertStatus(200);
            TestReply upserted = api.putJson(USERS + "/by-email/" + EMAIL, "{\"displayName\":\"Jane Doe\"}", adminToken)
                    .assertStatus(200);
            TestReply deactivated = api.post(USERS + "/" + janeId + "/deactivate", adminToken).assertStatus(200);

            for (TestReply reply : new TestReply[] {one, list, me, patched, upserted, deactivated}) {
                assertThat(reply.body()).doesNotContain("$argon2").doesNotContain("argon2id")
                        .doesNotContain("passwordHash").doesNotContainIgnoringCase("hash\"");
                assertThat(reply.body()).contains("\"hasPassword\":true");
            }
        }
    }
}
