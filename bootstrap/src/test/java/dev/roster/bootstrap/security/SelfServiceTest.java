package dev.roster.bootstrap.security;

import static dev.roster.bootstrap.TestClient.ME;
import static dev.roster.bootstrap.TestClient.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.bootstrap.TestRequests;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/me}: a user reads and edits its own profile, identified by its token only. Only displayName, phone
 * and attributes can be changed there; anything else in a patch is refused and changes nothing (no mass assignment).
 */
@MicronautTest(transactional = false)
class SelfServiceTest {
    private static final String EMAIL = "jane@roster.test";
    private static final String OTHER_EMAIL = "john@roster.test";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;

    private String adminToken;
    private String janeToken;
    private String janeId;
    private String johnId;

    @BeforeEach
    void startWithTwoUsers() {
        database.clear();
        adminToken = accounts.adminToken();
        janeId = accounts.createUser(EMAIL).id().toString();
        johnId = accounts.createUser(OTHER_EMAIL).id().toString();
        janeToken = accounts.login(EMAIL, TestAccounts.PASSWORD);
    }

    @Nested
    class Reading {
        @Test
        void getMeReturnsTheCallerNamedByTheToken() {
            TestReply reply = api.get(ME, janeToken).assertStatus(200);

            Map<String, Object> me = reply.json();
            assertThat(me).containsEntry("id", janeId).containsEntry("email", EMAIL).containsEntry("status", "ACTIVE");
            assertThat(me.get("id")).isEqualTo(Jwts.payload(janeToken).replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1"));
            assertThat(reply.header("ETag")).isEqualTo("\"" + me.get("version") + "\"");
        }

        @Test
        void eachTokenSeesItsOwnAccount() {
            String johnToken = accounts.login(OTHER_EMAIL, TestAccounts.PASSWORD);
            assertThat(api.me(johnToken)).containsEntry("id", johnId).containsEntry("email", OTHER_EMAIL);
            assertThat(api.me(janeToken)).containsEntry("id", janeId);
        }
    }

    @Nested
    class Editing {
        @Test
        void patchMeChangesDisplayNamePhoneAndAttributes() {
            TestReply patched = api.patch(ME,
                    "{\"displayName\":\"Jane Roe\",\"phone\":\"+442079460958\",\"attributes\":{\"team\":\"blue\",\"floor\":\"3\"}}",
                    janeToken).assertStatus(200);

            Map<String, Object> me = api.me(janeToken);
            assertThat(me).containsEntry("displayName", "Jane Roe").containsEntry("phone", "+442079460958")
                    .containsEntry("attributes", Map.of("team", "blue", "floor", "3"));
            assertThat(patched.json()).isEqualTo(me);

            api.patch(ME, "{\"phone\":null,\"attributes\":{\"floor\":null}}", janeToken).assertStatus(200);
            assertThat(api.me(janeToken)).containsEntry("phone", null).containsEntry("attributes", Map.of("team", "blue"))
                    .containsEntry("displayName", "Jane Roe");
        }

        @Test
        void patchMeHonoursIfMatch() {
            String etag = api.get(ME, janeToken).header("ETag");
            api.patch(ME, "{\"displayName\":\"First\"}", janeToken).assertStatus(200);

            TestReply stale = api.send(HttpRequest.PATCH(ME, "{\"displayName\":\"Second\"}")
                    .contentType(TestClient.MERGE_PATCH_JSON).header("If-Match", etag), janeToken);

            stale.assertProblem(412, "precondition-failed");
            assertThat(api.me(janeToken)).containsEntry("displayName", "First");
        }

        @Test
        void invalidValuesAre400() {
            api.patch(ME, "{\"phone\":\"not a phone\"}", janeToken).assertValidationFailed("phone");
            api.patch(ME, "[]", janeToken).assertValidationFailed("body");
        }
    }

    @Nested
    class NoMassAssignment {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                roles        | {"roles":["ADMIN"]}
                email        | {"email":"jane.new@roster.test"}
                status       | {"status":"DEACTIVATED"}
                password     | {"password":"a password set by patch"}
                passwordHash | {"passwordHash":"$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"}
                id           | {"id":"00000000-0000-7000-8000-000000000000"}
                version      | {"version":99}
                active       | {"active":false}
                hasPassword  | {"hasPassword":false}
                createdAt    | {"createdAt":"2000-01-01T00:00:00Z"}
                lastLoginAt  | {"lastLoginAt":null}
                deletedAt    | {"deletedAt":"2000-01-01T00:00:00Z"}
                """)
        void aPatchOfAFieldOtherThanTheProfileIs400AndChangesNothing(String field, String patch) {
            String before = api.get(ME, janeToken).assertStatus(200).body();

            api.patch(ME, patch, janeToken).assertValidationFailed(field);

            assertThat(api.get(ME, janeToken).assertStatus(200).body()).isEqualTo(before);
            api.login(EMAIL, TestAccounts.PASSWORD).assertStatus(200);
        }

        @Test
        void aPatchMixingProfileFieldsWithRolesChangesNothingAtAll() {
            String before = api.get(ME, janeToken).body();

            api.patch(ME, "{\"displayName\":\"Sneaky\",\"roles\":[\"ADMIN\",\"AUDITOR\"]}", janeToken)
                    .assertValidationFailed("roles");

            assertThat(api.get(ME, janeToken).body()).isEqualTo(before);
            api.get(USERS, janeToken).assertForbidden();
        }

        @Test
        void theFieldNamesAreMatchedExactlySoNoSpellingReachesTheRoles() {
            String before = api.get(ME, janeToken).body();

            api.patch(ME, "{\"Roles\":[\"ADMIN\"]}", janeToken).assertValidationFailed("Roles");
            api.patch(ME, "{\"ROLES\":[\"ADMIN\"]}", janeToken).assertValidationFailed("ROLES");

            assertThat(api.get(ME, janeToken).body()).isEqualTo(before);
        }
    }

    @Nested
    class NoWayToAnotherUser {
        @Test
        void anIdInTheQueryOfGetMeIsRefusedAsAnUnknownParameter() {
            api.get(TestRequests.uri(ME, "id", johnId), janeToken).assertValidationFailed("id");
        }

        @Test
        void anIdInTheQueryOfPatchMeIsRefusedAndChangesNobody() {
            String johnBefore = api.get(USERS + "/" + johnId, adminToken).body();
            String janeBefore = api.get(USERS + "/" + janeId, adminToken).body();

            api.patch(TestRequests.uri(ME, "id", johnId), "{\"displayName\":\"Changed\"}", janeToken).assertValidationFailed("id");

            assertThat(api.get(USERS + "/" + johnId, adminToken).body()).isEqualTo(johnBefore);
            assertThat(api.get(USERS + "/" + janeId, adminToken).body()).isEqualTo(janeBefore);
        }

        @Test
        void anotherUsersIdUnderMeIsNotARoute() {
            TestReply reply = api.get(ME + "/" + johnId, janeToken);

            assertThat(reply.status()).isIn(404, 405);
            reply.assertProblem(reply.status(), reply.status() == 404 ? "not-found" : "method-not-allowed");
            assertThat(reply.body()).doesNotContain(OTHER_EMAIL);
        }

        @Test
        void anotherUsersIdInThePasswordChangeBodyIsRefused() {
            api.putJson(ME + "/password", "{\"userId\":\"" + johnId + "\",\"currentPassword\":\"" + TestAccounts.PASSWORD
                    + "\",\"newPassword\":\"taken over by jane\"}", janeToken).assertValidationFailed("userId");

            api.login(OTHER_EMAIL, TestAccounts.PASSWORD).assertStatus(200);
            api.login(EMAIL, TestAccounts.PASSWORD).assertStatus(200);
        }

        @Test
        void theUsersEndpointsStayClosedToAUser() {
            String johnBefore = api.get(USERS + "/" + johnId, adminToken).body();

            api.get(USERS + "/" + johnId, janeToken).assertForbidden();
            api.patch(USERS + "/" + johnId, "{\"displayName\":\"Changed\"}", janeToken).assertForbidden();
            api.putJson(USERS + "/" + johnId + "/password", "{\"password\":\"taken over by jane\"}", janeToken).assertForbidden();
            api.put(USERS + "/" + janeId + "/roles/ADMIN", janeToken).assertForbidden();

            assertThat(api.get(USERS + "/" + johnId, adminToken).body()).isEqualTo(johnBefore);
            assertThat(api.me(janeToken).get("roles")).isEqualTo(List.of("USER"));
        }
    }

    /** SPEC §2: {@code DELETE /api/v1/me} with {@code {"currentPassword"}} is a self soft delete. */
    @Nested
    class DeletingMyAccount {
        @Test
        void withTheRightPasswordTheAccountIsSoftDeletedAndItsTokensDie() {
            api.send(io.micronaut.http.HttpRequest.DELETE(ME, "{\"currentPassword\":\"" + TestAccounts.PASSWORD + "\"}")
                    .contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE), janeToken).assertStatus(204);

            api.get(ME, janeToken).assertUnauthorized();
            assertThat(api.user(janeId, adminToken)).containsEntry("status", "DELETED").containsEntry("email", EMAIL);
            api.login(EMAIL, TestAccounts.PASSWORD).assertUnauthorized();
            api.post(USERS + "/" + janeId + "/restore", adminToken).assertStatus(200);
            api.get(ME, accounts.login(EMAIL, TestAccounts.PASSWORD)).assertStatus(200);
        }

        @Test
        void aWrongPasswordIsRefusedAndChangesNothing() {
            api.send(io.micronaut.http.HttpRequest.DELETE(ME, "{\"currentPassword\":\"not the password at all\"}")
                    .contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE), janeToken)
                    .assertValidationFailed("currentPassword");

            assertThat(api.me(janeToken)).containsEntry("status", "ACTIVE");
        }

        @Test
        void withoutAPasswordItIsRefused() {
            api.send(io.micronaut.http.HttpRequest.DELETE(ME, "{}")
                    .contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE), janeToken)
                    .assertValidationFailed("currentPassword");

            assertThat(api.me(janeToken)).containsEntry("status", "ACTIVE");
        }

        @Test
        void theLastAdministratorCannotDeleteItself() {
            api.send(io.micronaut.http.HttpRequest.DELETE(ME, "{\"currentPassword\":\"" + TestAccounts.PASSWORD + "\"}")
                    .contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE), adminToken)
                    .assertProblem(409, "last-admin");

            assertThat(api.me(adminToken)).containsEntry("status", "ACTIVE");
        }
    }
}
