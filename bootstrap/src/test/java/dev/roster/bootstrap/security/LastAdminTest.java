package dev.roster.bootstrap.security;

import static dev.roster.bootstrap.TestClient.ME;
import static dev.roster.bootstrap.TestClient.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.bootstrap.TestRequests;
import dev.roster.domain.user.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Roles as data, and the guard that keeps at least one active administrator: the last one cannot lose ADMIN nor be
 * deactivated, not even when two administrators demote each other at the same moment.
 */
@MicronautTest(transactional = false)
class LastAdminTest {
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
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
    class TheOnlyAdministrator {
        @Test
        void cannotLoseTheAdminRole() {
            api.delete(USERS + "/" + adminId + "/roles/ADMIN", adminToken).assertProblem(409, "last-admin");

            assertStillTheOnlyActiveAdministrator();
        }

        @Test
        void cannotBeDeactivated() {
            api.post(USERS + "/" + adminId + "/deactivate", adminToken).assertProblem(409, "last-admin");

            assertStillTheOnlyActiveAdministrator();
        }

        @Test
        void doesNotShareTheGuardWithADeactivatedAdministrator() {
            String second = api.idOf(accounts.tokenFor("second-admin@roster.test", Role.ADMIN));
            api.post(USERS + "/" + second + "/deactivate", adminToken).assertStatus(200);

            api.delete(USERS + "/" + adminId + "/roles/ADMIN", adminToken).assertProblem(409, "last-admin");
            api.post(USERS + "/" + adminId + "/deactivate", adminToken).assertProblem(409, "last-admin");

            assertStillTheOnlyActiveAdministrator();
        }

        @Test
        void canLoseTheAdminRoleOnceAnotherActiveAdministratorExists() {
            String secondToken = accounts.tokenFor("second-admin@roster.test", Role.ADMIN);
            String second = api.idOf(secondToken);

            api.delete(USERS + "/" + adminId + "/roles/ADMIN", adminToken).assertStatus(204);

            api.get(ME, adminToken).assertUnauthorized(); // the token died with the role (ADR 0016)
            assertThat(api.me(accounts.login(TestAccounts.ADMIN_EMAIL, TestAccounts.PASSWORD)).get("roles")).isEqualTo(List.of("USER"));
            api.delete(USERS + "/" + second + "/roles/ADMIN", secondToken).assertProblem(409, "last-admin");
        }

        private void assertStillTheOnlyActiveAdministrator() {
            Map<String, Object> me = api.me(adminToken);
            assertThat(me.get("roles")).isEqualTo(List.of("ADMIN", "USER"));
            assertThat(me.get("status")).isEqualTo("ACTIVE");
            assertThat(activeAdministrators(adminToken)).containsExactly(adminId);
        }
    }

    @Nested
    class TwoAdministratorsDemotingEachOtherAtOnce {
        @RepeatedTest(value = 5, name = "round {currentRepetition} of {totalRepetitions}")
        void leaveExactlyOneActiveAdministrator() throws Exception {
            String tokenA = adminToken;
            String idA = adminId;
            String tokenB = accounts.tokenFor("second-admin@roster.test", Role.ADMIN);
            String idB = api.idOf(tokenB);
            assertThat(activeAdministrators(tokenA)).containsExactlyInAnyOrder(idA, idB);

            List<TestReply> replies = concurrently(
                    () -> api.delete(USERS + "/" + idB + "/roles/ADMIN", tokenA),
                    () -> api.delete(USERS + "/" + idA + "/roles/ADMIN", tokenB));
            TestReply aRevokesB = replies.get(0);
            TestReply bRevokesA = replies.get(1);

            assertThat(List.of(aRevokesB.status(), bRevokesA.status()))
                    .as("A revokes B: %s; B revokes A: %s", aRevokesB, bRevokesA)
                    .containsOnlyOnce(204);
            boolean aWon = aRevokesB.status() == 204;
            TestReply loser = aWon ? bRevokesA : aRevokesB;
            // the loser either passed authorization before the winner committed and then met the guard (409), or was
            // already demoted when its own request was authorized, so its token was dead (401, ADR 0016)
            if (loser.status() == 409) {
                loser.assertProblem(409, "last-admin");
            } else {
                loser.assertUnauthorized();
            }
            String survivorToken = aWon ? tokenA : tokenB;
            String survivorId = aWon ? idA : idB;
            assertThat(activeAdministrators(survivorToken)).containsExactly(survivorId);
            api.get(ME, aWon ? tokenB : tokenA).assertUnauthorized(); // the demoted one's token died with its role
            String demotedEmail = aWon ? "second-admin@roster.test" : TestAccounts.ADMIN_EMAIL;
            assertThat(api.me(accounts.login(demotedEmail, TestAccounts.PASSWORD)).get("roles")).isEqualTo(List.of("USER"));
        }
    }

    @Nested
    class OtherRoles {
        private String userId;

        @BeforeEach
        void createAUser() {
            userId = api.createUser("{\"email\":\"jane@roster.test\"}", adminToken);
        }

        @Test
        void theUserRoleCannotBeRevoked() {
            api.delete(USERS + "/" + userId + "/roles/USER", adminToken).assertProblem(409, "invalid-state");
            assertThat(roles(userId)).containsExactly("USER");
        }

        @Test
        void anUnknownRoleIs400() {
            api.put(USERS + "/" + userId + "/roles/SUPERUSER", adminToken).assertValidationFailed("role");
            api.delete(USERS + "/" + userId + "/roles/SUPERUSER", adminToken).assertValidationFailed("role");
            assertThat(roles(userId)).containsExactly("USER");
        }

        @Test
        void grantingTwiceIs204BothTimesAndTheRoleIsHeldOnce() {
            api.put(USERS + "/" + userId + "/roles/AUDITOR", adminToken).assertStatus(204);
            long version = ((Number) api.user(userId, adminToken).get("version")).longValue();

            api.put(USERS + "/" + userId + "/roles/AUDITOR", adminToken).assertStatus(204);

            Map<String, Object> user = api.user(userId, adminToken);
            assertThat(user.get("roles")).isEqualTo(List.of("AUDITOR", "USER"));
            assertThat(((Number) user.get("version")).longValue()).as("a repeated grant changes nothing").isEqualTo(version);
        }

        @Test
        void revokingTheAuditorRoleTwiceIs204BothTimes() {
            api.put(USERS + "/" + userId + "/roles/AUDITOR", adminToken).assertStatus(204);

            api.delete(USERS + "/" + userId + "/roles/AUDITOR", adminToken).assertStatus(204);
            api.delete(USERS + "/" + userId + "/roles/AUDITOR", adminToken).assertStatus(204);

            assertThat(roles(userId)).containsExactly("USER");
        }

        @Test
        void revokingARoleTheUserNeverHadIs204() {
            api.delete(USERS + "/" + userId + "/roles/ADMIN", adminToken).assertStatus(204);
            assertThat(roles(userId)).containsExactly("USER");
        }

        @Test
        void aRoleChangeForAnUnknownUserIs404() {
            String unknown = "00000000-0000-7000-8000-000000000000";
            api.put(USERS + "/" + unknown + "/roles/AUDITOR", adminToken).assertProblem(404, "not-found");
            api.delete(USERS + "/" + unknown + "/roles/AUDITOR", adminToken).assertProblem(404, "not-found");
        }

        @SuppressWarnings("unchecked")
        private List<String> roles(String id) {
            return (List<String>) api.user(id, adminToken).get("roles");
        }
    }

    /** Ids of the ACTIVE users holding ADMIN, as the given administrator lists them. */
    private List<String> activeAdministrators(String token) {
        return api.get(TestRequests.uri(USERS, "role", "ADMIN", "status", "ACTIVE"), token).assertStatus(200).items().stream()
                .map(user -> (String) user.get("id"))
                .toList();
    }

    /** Runs both calls at the same moment, each on its own thread, and returns their answers in order. */
    private static List<TestReply> concurrently(Callable<TestReply> first, Callable<TestReply> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch ready = new CountDownLatch(2);
            CountDownLatch go = new CountDownLatch(1);
            Future<TestReply> one = pool.submit(() -> {
                ready.countDown();
                go.await();
                return first.call();
            });
            Future<TestReply> two = pool.submit(() -> {
                ready.countDown();
                go.await();
                return second.call();
            });
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            return List.of(one.get(30, TimeUnit.SECONDS), two.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
