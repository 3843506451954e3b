package dev.roster.bootstrap.security;

import static dev.roster.bootstrap.TestClient.ME;
import static dev.roster.bootstrap.TestClient.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Issue 11 point 6: {@code Cache-Control: no-store} on every answer that carries personal data, and
 * {@code X-Content-Type-Options: nosniff} on every answer, errors and documentation included.
 */
@MicronautTest(transactional = false)
class ResponseHeadersTest {
    @Inject
    TestClient api;
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;

    private String admin;
    private String userId;
    private String user;

    @BeforeEach
    void anAdministratorAndAUser() {
        database.clear();
        admin = accounts.adminToken();
        user = accounts.tokenFor("jane@roster.test");
        userId = api.idOf(user);
    }

    @Test
    void everyAnswerWithPersonalDataIsNotToBeStored() {
        List<TestReply> replies = List.of(
                api.get(USERS + "/" + userId, admin).assertStatus(200),
                api.get(USERS + "?q=jane", admin).assertStatus(200),
                api.get(ME, user).assertStatus(200),
                api.get(ME + "/export", user).assertStatus(200),
                api.get(USERS + "/" + userId + "/export", admin).assertStatus(200),
                api.get(USERS + "/export?format=ndjson", admin).assertStatus(200),
                api.get("/api/v1/audit-events", admin).assertStatus(200),
                api.login("jane@roster.test", TestAccounts.PASSWORD).assertStatus(200));

        for (TestReply reply : replies) {
            assertThat(reply.header("Cache-Control")).as("Cache-Control of %s", reply).isEqualTo("no-store");
        }
    }

    @Test
    void everyAnswerForbidsContentSniffing() {
        List<TestReply> replies = List.of(
                api.get(USERS + "/" + userId, admin).assertStatus(200),
                api.get(USERS, user).assertForbidden(),
                api.get(USERS, null).assertUnauthorized(),
                api.get("/api/v1/nothing-here", admin).assertNotFound(),
                api.get("/health", null).assertStatus(200),
                api.get("/swagger/roster-v1.yml", null).assertStatus(200),
                api.postJson(USERS, "{", admin).assertProblem(400, "malformed-json"));

        for (TestReply reply : replies) {
            assertThat(reply.header("X-Content-Type-Options")).as("X-Content-Type-Options of %s", reply).isEqualTo("nosniff");
        }
    }
}
