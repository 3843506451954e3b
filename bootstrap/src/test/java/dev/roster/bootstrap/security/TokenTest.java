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
        void aTokenStopsWorkingRightAfterItsUserIsDeactivatedAndWorksAgainAfterReactivation() {
            String token = accounts.tokenFor("jane@roster.test");
            String id = api.idOf(token);

            api.post(USERS + "/" + id + "/deactivate", adminToken).assertStatus(200);
            api.get(ME, token).assertUnauthorized();
            api.patch(ME, "{\"displayName\":\"Still here\"}", token).assertUnauthorized();

            api.post(USERS + "/" + id + "/reactivate", adminToken).assertStatus(200);
            assertThat(api.me(token)).containsEntry("id", id).containsEntry("displayName", null);
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
            String token = accounts.tokenFor("jane@roster.test");
            String id = api.idOf(token);
            api.get("/health", null).assertStatus(200);
            assertThat(api.get("/health", token).body()).contains("\"details\"");

            api.post(USERS + "/" + id + "/deactivate", adminToken).assertStatus(200);

            TestReply reply = api.get("/health", token).assertUnauthorized();
            assertThat(reply.body()).doesNotContain("jdbc:").doesNotContain("\"details\"");
        }
    }

    @Nested
    class FollowsTheUsersRoles {
        @Test
        void anAuditorsTokenGets403RightAfterTheAuditorRoleIsRevokedAnd200AfterItIsGrantedAgain() {
            String token = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);
            String id = api.idOf(token);
            api.get(USERS, token).assertStatus(200);

            api.delete(USERS + "/" + id + "/roles/AUDITOR", adminToken).assertStatus(204);
            api.get(USERS, token).assertForbidden();
            api.get(USERS + "/count", token).assertForbidden();
            api.get(ME, token).assertStatus(200);

            api.put(USERS + "/" + id + "/roles/AUDITOR", adminToken).assertStatus(204);
            api.get(USERS, token).assertStatus(200);
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
            assertThat(Jwts.header(token)).contains("\"alg\":\"HS256\"");
        }
    }
}
