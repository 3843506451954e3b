package dev.roster.bootstrap.security;

import static dev.roster.bootstrap.TestClient.ME;
import static dev.roster.bootstrap.TestClient.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.domain.user.Role;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Bearer tokens: they follow the user's current status and roles (not the claims they carry), forged or broken ones
 * are refused, and they carry the user id and no personal data.
 */
@MicronautTest(transactional = false)
class TokenTest {
    private static final String OTHER_SECRET = "another-secret-that-is-long-enough-0123456789";

    @Inject
    JsonMapper json;
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Value("${roster.security.jwt-secret}")
    String configuredSecret;
    @Inject
    TestClient api;

    private String adminToken;
    private String adminId;

    @BeforeEach
    void startWithOnlyTheFirstAdministrator() {
        database.clear();
        adminToken = accounts.adminToken();
        adminId = api.idOf(adminToken);
    }

    @Nested
    class FollowsTheUsersStatus {
        @Test
        void aTokenStopsWorkingRightAfterItsUserIsDeactivatedAndStaysDeadAfterReactivation() {
            String token = accounts.tokenFor("jane@roster.test");
            String id = api.idOf(token);

            api.post(USERS + "/" + id + "/deactivate", adminToken).assertStatus(200);
            api.get(ME, token).assertUnauthorized();
            api.patch(ME, "{\"displayName\":\"Still here\"}", token).assertUnauthorized();

            api.post(USERS + "/" + id + "/reactivate", adminToken).assertStatus(200);
            api.get(ME, token).assertUnauthorized();
            String fresh = accounts.login("jane@roster.test", TestAccounts.PASSWORD);
            assertThat(api.me(fresh)).containsEntry("id", id).containsEntry("displayName", null);
        }

        @Test
        void aDeactivatedAdministratorsTokenIsRefusedOnTheAdministrationEndpoints() {
            String secondAdmin = accounts.tokenFor("second-admin@roster.test", Role.ADMIN);
            String secondAdminId = api.idOf(secondAdmin);
            api.get(USERS, secondAdmin).assertStatus(200);

            api.post(USERS + "/" + secondAdminId + "/deactivate", adminToken).assertStatus(200);

            api.get(USERS, secondAdmin).assertUnauthorized();
            api.post(USERS + "/" + adminId + "/deactivate", secondAdmin).assertUnauthorized();
            assertThat(api.user(adminId, adminToken)).containsEntry("status", "ACTIVE");
        }

        @Test
        void aDeactivatedUsersTokenIsRefusedEvenWhereNoTokenIsNeededSoItRevealsNoHealthDetails() {
            String token = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);
            String id = api.idOf(token);
            api.get("/health", null).assertStatus(200);
            assertThat(api.get("/health", token).body()).contains("\"details\"");

            api.post(USERS + "/" + id + "/deactivate", adminToken).assertStatus(200);

            TestReply reply = api.get("/health", token).assertUnauthorized();
            assertThat(reply.body()).doesNotContain("jdbc:").doesNotContain("\"details\"");
        }

        @Test
        void healthDetailsAreForAdministratorsAndAuditorsOnly() {
            String user = accounts.tokenFor("jane@roster.test");
            String auditor = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);

            assertThat(api.get("/health", adminToken).assertStatus(200).body()).contains("\"details\"").contains("jdbc:");
            assertThat(api.get("/health", auditor).assertStatus(200).body()).contains("\"details\"");
            for (String caller : new String[] {user, null}) {
                TestReply reply = api.get("/health", caller).assertStatus(200);
                assertThat(reply.body()).contains("\"status\"").doesNotContain("\"details\"").doesNotContain("jdbc:");
            }
        }
    }

    @Nested
    class FollowsTheUsersRoles {
        @Test
        void anAuditorsTokenDiesWhenTheAuditorRoleIsRevokedAndANewTokenHasOnlyTheRolesHeldNow() {
            String token = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);
            String id = api.idOf(token);
            api.get(USERS, token).assertStatus(200);

            api.delete(USERS + "/" + id + "/roles/AUDITOR", adminToken).assertStatus(204);
            api.get(USERS, token).assertUnauthorized();
            api.get(ME, token).assertUnauthorized();
            String fresh = accounts.login("auditor@roster.test", TestAccounts.PASSWORD);
            api.get(USERS, fresh).assertForbidden();
            api.get(USERS + "/count", fresh).assertForbidden();
            api.get(ME, fresh).assertStatus(200);

            api.put(USERS + "/" + id + "/roles/AUDITOR", adminToken).assertStatus(204);
            api.get(USERS, fresh).assertStatus(200);
            api.get(USERS, token).assertUnauthorized(); // granting the role back revives nothing
        }

        @Test
        void aUserPromotedToAdministratorCanAdministerWithTheTokenItAlreadyHas() {
            String token = accounts.tokenFor("jane@roster.test");
            String id = api.idOf(token);
            api.get(USERS, token).assertForbidden();

            api.put(USERS + "/" + id + "/roles/ADMIN", adminToken).assertStatus(204);

            api.get(USERS, token).assertStatus(200);
        }

        @Test
        void rolesClaimedInAValidlySignedTokenGrantNothingTheUserDoesNotHold() {
            String id = api.idOf(accounts.tokenFor("jane@roster.test"));
            String claimsAdmin = Jwts.signedHs256(Jwts.claims(id, "ADMIN", "AUDITOR", "USER"), configuredSecret);

            api.get(ME, claimsAdmin).assertStatus(200); // the signature is good: the token is accepted as Jane's
            api.get(USERS, claimsAdmin).assertForbidden();
            api.postJson(USERS, "{\"email\":\"sneaky@roster.test\"}", claimsAdmin).assertForbidden();
        }
    }

    /** SPEC section 2: a token issued before a security event stops working at once and stays dead (ADR 0016). */
    @Nested
    class StaysDeadAfterASecurityEvent {
        private static final String NEW_PASSWORD = "a brand new password that is long";

        private String jane;
        private String janeId;

        @BeforeEach
        void janeIsSignedIn() {
            jane = accounts.tokenFor("jane@roster.test");
            janeId = api.idOf(jane);
        }

        @Test
        void anAdministratorSettingThePassword() {
            api.putJson(USERS + "/" + janeId + "/password", "{\"password\":\"" + NEW_PASSWORD + "\"}", adminToken).assertStatus(204);

            api.get(ME, jane).assertUnauthorized();
            api.get(ME, accounts.login("jane@roster.test", NEW_PASSWORD)).assertStatus(200);
        }

        @Test
        void theUserChangingItsOwnPasswordEndsEveryTokenIncludingTheOneUsed() {
            String otherDevice = accounts.login("jane@roster.test", TestAccounts.PASSWORD);

            api.putJson(ME + "/password", "{\"currentPassword\":\"" + TestAccounts.PASSWORD + "\",\"newPassword\":\""
                    + NEW_PASSWORD + "\"}", jane).assertStatus(204);

            api.get(ME, jane).assertUnauthorized();
            api.get(ME, otherDevice).assertUnauthorized();
            api.get(ME, accounts.login("jane@roster.test", NEW_PASSWORD)).assertStatus(200);
        }

        @Test
        void anEmailChange() {
            api.patch(USERS + "/" + janeId, "{\"email\":\"jane.new@roster.test\"}", adminToken).assertStatus(200);

            api.get(ME, jane).assertUnauthorized();
            api.get(ME, accounts.login("jane.new@roster.test", TestAccounts.PASSWORD)).assertStatus(200);
        }

        @Test
        void aSoftDeleteEvenAfterRestore() {
            api.delete(USERS + "/" + janeId, adminToken).assertStatus(204);
            api.get(ME, jane).assertUnauthorized();

            api.post(USERS + "/" + janeId + "/restore", adminToken).assertStatus(200);

            api.get(ME, jane).assertUnauthorized();
            api.get(ME, accounts.login("jane@roster.test", TestAccounts.PASSWORD)).assertStatus(200);
        }

        @Test
        void anAnonymization() {
            api.post(USERS + "/" + janeId + "/anonymize", adminToken).assertStatus(200);

            api.get(ME, jane).assertUnauthorized();
        }

        @Test
        void signingOutEverywhereEndsEveryTokenOfTheUserButNotOthersAndANewLoginWorks() {
            String otherDevice = accounts.login("jane@roster.test", TestAccounts.PASSWORD);

            api.post(ME + "/sessions/revoke", jane).assertStatus(204);

            api.get(ME, jane).assertUnauthorized();
            api.get(ME, otherDevice).assertUnauthorized();
            api.get(USERS, adminToken).assertStatus(200);
            api.get(ME, accounts.login("jane@roster.test", TestAccounts.PASSWORD)).assertStatus(200);
        }

        @Test
        void anAdministratorSigningTheUserOutEverywhere() {
            api.post(USERS + "/" + janeId + "/sessions/revoke", adminToken).assertStatus(204);

            api.get(ME, jane).assertUnauthorized();
            assertThat(api.user(janeId, adminToken)).containsEntry("status", "ACTIVE");
            api.get(ME, accounts.login("jane@roster.test", TestAccounts.PASSWORD)).assertStatus(200);
        }

        @Test
        void signingAnotherUserOutNeedsTheAdministratorRoleAndAKnownUser() {
            String auditor = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);

            api.post(USERS + "/" + adminId + "/sessions/revoke", jane).assertForbidden();
            api.post(USERS + "/" + adminId + "/sessions/revoke", auditor).assertForbidden();
            api.post(USERS + "/" + UUID.randomUUID() + "/sessions/revoke", adminToken).assertNotFound();
            api.post(USERS + "/" + adminId + "/sessions/revoke", null).assertUnauthorized();
            api.get(USERS, adminToken).assertStatus(200);
        }

        @Test
        void changesThatAreNoSecurityEventKeepTheToken() {
            api.patch(ME, "{\"displayName\":\"Jane\"}", jane).assertStatus(200);
            api.put(USERS + "/" + janeId + "/roles/AUDITOR", adminToken).assertStatus(204);
            api.delete(USERS + "/" + janeId + "/roles/ADMIN", adminToken).assertStatus(204); // a role not held

            api.get(USERS, jane).assertStatus(200);
        }
    }

    /** SPEC section 2: tokens must carry exp; iat and nbf in the future and a foreign iss are refused. */
    @Nested
    class ClaimsATokenMustCarry {
        private long now;

        @BeforeEach
        void readTheClock() {
            now = System.currentTimeMillis() / 1000;
        }

        private TestReply withClaims(java.util.function.Consumer<Map<String, Object>> edit) {
            Map<String, Object> claims = Jwts.validClaims(adminId, now, now + 3600, "ADMIN");
            edit.accept(claims);
            return api.get(USERS, Jwts.signedHs256(Jwts.json(claims), configuredSecret));
        }

        @Test
        void theControlWithEveryClaimIsAccepted() {
            withClaims(claims -> { }).assertStatus(200);
        }

        @Test
        void aTokenWithoutExpiryIsRefused() {
            withClaims(claims -> claims.remove("exp")).assertUnauthorized();
        }

        @Test
        void aTokenIssuedInTheFutureIsRefusedBeyondASmallSkew() {
            withClaims(claims -> claims.put("iat", now + 300)).assertUnauthorized();
            withClaims(claims -> claims.remove("iat")).assertUnauthorized();
            withClaims(claims -> claims.put("iat", now + 5)).assertStatus(200);
        }

        @Test
        void aTokenNotYetValidIsRefused() {
            withClaims(claims -> claims.put("nbf", now + 300)).assertUnauthorized();
        }

        @Test
        void aForeignOrMissingIssuerIsRefused() {
            withClaims(claims -> claims.put("iss", "keycloak")).assertUnauthorized();
            withClaims(claims -> claims.remove("iss")).assertUnauthorized();
        }

        @Test
        void aTokenWithoutTheCurrentSessionGenerationIsRefused() {
            withClaims(claims -> claims.remove("sgen")).assertUnauthorized();
            withClaims(claims -> claims.put("sgen", 1)).assertUnauthorized();
            withClaims(claims -> claims.put("sgen", "0")).assertUnauthorized();
        }
    }

    @Nested
    class ForgedOrBrokenTokens {
        @Test
        void aTokenSignedWithTheConfiguredSecretForARealAdministratorIsAccepted() {
            // the control for the refusals below: the hand-made tokens differ from this one only where stated
            String forged = Jwts.signedHs256(Jwts.claims(adminId, "ADMIN"), configuredSecret);
            api.get(USERS, forged).assertStatus(200);
        }

        @Test
        void aGarbageTokenGets401() {
            api.get(ME, "garbage").assertUnauthorized();
            api.get(USERS, "not.a.jwt").assertUnauthorized();
            api.get(USERS, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA").assertUnauthorized();
        }

        @Test
        void anUnsignedTokenWithAlgNoneForTheRealAdministratorGets401() {
            String unsigned = Jwts.unsigned(Jwts.claims(adminId, "ADMIN"));
            assertThat(Jwts.header(unsigned)).contains("\"alg\":\"none\"");

            api.get(USERS, unsigned).assertUnauthorized();
            api.get(ME, unsigned).assertUnauthorized();
        }

        @Test
        void aTokenSignedWithAnotherSecretGets401() {
            String forged = Jwts.signedHs256(Jwts.claims(adminId, "ADMIN"), OTHER_SECRET);
            api.get(USERS, forged).assertUnauthorized();
            api.get(ME, forged).assertUnauthorized();
        }

        @Test
        void aRealTokenWhosePayloadWasEditedGets401() {
            String userToken = accounts.tokenFor("jane@roster.test");
            String tampered = Jwts.withPayload(userToken, Jwts.claims(adminId, "ADMIN"));
            api.get(USERS, tampered).assertUnauthorized();
            api.get(ME, tampered).assertUnauthorized();
        }

        @Test
        void anExpiredTokenGets401() {
            long now = System.currentTimeMillis() / 1000;
            String expired = Jwts.signedHs256(Jwts.claims(adminId, now - 7200, now - 3600, "ADMIN"), configuredSecret);
            api.get(USERS, expired).assertUnauthorized();
        }

        @Test
        void aValidlySignedTokenForAUserThatDoesNotExistGets401() {
            String unknown = Jwts.signedHs256(Jwts.claims(UUID.randomUUID().toString(), "ADMIN"), configuredSecret);
            api.get(USERS, unknown).assertUnauthorized();
            api.get(ME, unknown).assertUnauthorized();
        }

        @Test
        void aValidlySignedTokenWhoseSubjectIsNotAUserIdGets401() {
            String email = Jwts.signedHs256(Jwts.claims(TestAccounts.ADMIN_EMAIL, "ADMIN"), configuredSecret);
            api.get(USERS, email).assertUnauthorized();
            api.get(ME, email).assertUnauthorized();
        }

        @Test
        void basicCredentialsAreNotAcceptedInsteadOfAToken() {
            String basic = Base64.getEncoder().encodeToString(
                    (TestAccounts.ADMIN_EMAIL + ":" + TestAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8));
            TestReply reply = api.send(HttpRequest.GET(USERS).header("Authorization", "Basic " + basic), null);
            reply.assertUnauthorized();
            assertThat(reply.header("WWW-Authenticate")).as("a Bearer challenge, no Basic one").isEqualTo("Bearer");
        }
    }

    @Nested
    class Content {
        @Test
        void thePayloadCarriesTheUserIdAsSubjectAndNoEmail() throws Exception {
            accounts.createUser("jane.doe@roster.test");
            String token = accounts.login("jane.doe@roster.test", TestAccounts.PASSWORD);
            String id = api.idOf(token);

            String payload = Jwts.payload(token);
            Map<String, Object> claims = json.readValue(payload, Argument.mapOf(String.class, Object.class));
            assertThat(claims).containsEntry("sub", id).doesNotContainKey("email");
            assertThat(payload).doesNotContainIgnoringCase("jane").doesNotContain("@");
            assertThat(claims.get("exp")).isInstanceOf(Number.class);
            assertThat(claims).containsEntry("iss", Jwts.ISSUER).containsKey("iat").containsKey("sgen");
            assertThat(Jwts.header(token)).contains("\"alg\":\"HS256\"");
        }
    }
}
