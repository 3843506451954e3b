package dev.roster.bootstrap.cache;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read cache (on by default) never shows a caller something older than its own last write: every change to a
 * user evicts it after commit, so the next read after a write's response loads the committed value.
 */
@MicronautTest(transactional = false)
class ReadCacheTest {
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient http;

    private String admin;

    @BeforeEach
    void setUp() {
        database.clear();
        admin = accounts.adminToken();
    }

    private Map<String, Object> get(String id) {
        TestReply reply = http.send(HttpRequest.GET("/api/v1/users/" + id), admin);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    private TestReply patch(String id, String json) {
        return http.send(HttpRequest.PATCH("/api/v1/users/" + id, json).contentType("application/merge-patch+json"), admin);
    }

    @Test
    void aReadAfterAnUpdateSeesTheUpdate() {
        String id = accounts.createUser("cached@roster.test").id().toString();
        get(id); // now cached

        assertThat(patch(id, "{\"displayName\":\"Changed Name\"}").status()).isEqualTo(200);

        assertThat(get(id)).containsEntry("displayName", "Changed Name").containsEntry("version", 1);
    }

    @Test
    void noCachedViewSurvivesAnAnonymization() {
        String id = accounts.createUser("erase-me@roster.test").id().toString();
        patch(id, "{\"displayName\":\"Erase Me\"}");
        assertThat(get(id)).containsEntry("displayName", "Erase Me");

        assertThat(http.send(HttpRequest.POST("/api/v1/users/" + id + "/anonymize", ""), admin).status()).isEqualTo(200);

        Map<String, Object> after = get(id);
        assertThat(after).containsEntry("status", "ANONYMIZED");
        assertThat(after.toString()).doesNotContain("erase-me@roster.test").doesNotContain("Erase Me");
    }

    @Test
    void aDeactivatedUsersTokenIsRefusedAtOnceThoughItsPrincipalWasCached() {
        String token = accounts.tokenFor("session@roster.test");
        String id = accounts.createUser("other@roster.test").id().toString();
        TestReply me = http.send(HttpRequest.GET("/api/v1/me"), token);
        assertThat(me.status()).isEqualTo(200); // the principal is cached now
        String sessionId = String.valueOf(me.json().get("id"));

        assertThat(http.send(HttpRequest.POST("/api/v1/users/" + sessionId + "/deactivate", ""), admin).status()).isEqualTo(200);

        http.send(HttpRequest.GET("/api/v1/me"), token).assertUnauthorized();
        assertThat(get(id)).containsEntry("status", "ACTIVE");
    }

    @Test
    void aRoleGrantedIsHonouredOnTheNextRequest() {
        String token = accounts.tokenFor("promoted@roster.test");
        http.send(HttpRequest.GET("/api/v1/users"), token).assertForbidden();
        String id = String.valueOf(http.send(HttpRequest.GET("/api/v1/me"), token).json().get("id"));

        assertThat(http.send(HttpRequest.PUT("/api/v1/users/" + id + "/roles/AUDITOR", ""), admin).status()).isBetween(200, 204);

        assertThat(http.send(HttpRequest.GET("/api/v1/users"), token).status()).isEqualTo(200);
    }

    @Test
    void aSoftDeleteAndARestoreAreSeenByTheNextRead() {
        String id = accounts.createUser("gone-and-back@roster.test").id().toString();
        get(id);

        http.send(HttpRequest.DELETE("/api/v1/users/" + id), admin);
        assertThat(get(id)).containsEntry("status", "DELETED");

        http.send(HttpRequest.POST("/api/v1/users/" + id + "/restore", ""), admin);
        assertThat(get(id)).containsEntry("status", "ACTIVE");
    }

    @Test
    void concurrentWritersEachReadTheirOwnLastWriteOrANewerOne() throws Exception {
        String id = accounts.createUser("contended@roster.test").id().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    List<String> stale = new ArrayList<>();
                    for (int i = 0; i < 15; i++) {
                        String name = "Writer " + writer + " Step " + i;
                        TestReply written = patch(id, "{\"displayName\":\"" + name + "\"}");
                        if (written.status() == 409) {
                            written.assertProblem(409, "edit-conflict");
                            continue; // lost a race with another writer: nothing of its own to read back
                        }
                        assertThat(written.status()).isEqualTo(200);
                        long version = ((Number) written.json().get("version")).longValue();
                        long seen = ((Number) get(id).get("version")).longValue();
                        if (seen < version) {
                            stale.add("wrote version " + version + ", then read version " + seen);
                        }
                    }
                    return stale;
                }));
            }
            for (int r = 0; r < 4; r++) { // readers keep loading and caching the user meanwhile
                pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        get(id);
                    }
                });
            }
            List<String> stale = new ArrayList<>();
            for (Future<List<String>> writer : writers) {
                stale.addAll(writer.get(60, TimeUnit.SECONDS));
            }
            assertThat(stale).isEmpty();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
