package dev.roster.bootstrap.http;

import static dev.roster.bootstrap.TestClient.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * SPEC §2: "a write with a stale {@code If-Match} gets 412" — on every write to a user, not only PATCH: the write is
 * refused with a problem and changes nothing; with the current tag it goes through.
 */
@MicronautTest(transactional = false, environments = "unsecured")
class PreconditionApiTest {
    @Inject
    TestClient api;
    @Inject
    TestDatabase database;

    /** A write to one user: how to bring the user into the state it needs, and the request itself. */
    enum Write {
        DEACTIVATE((api, id) -> { }, id -> HttpRequest.POST(USERS + "/" + id + "/deactivate", "")),
        REACTIVATE((api, id) -> api.post(USERS + "/" + id + "/deactivate", null).assertStatus(200),
                id -> HttpRequest.POST(USERS + "/" + id + "/reactivate", "")),
        SOFT_DELETE((api, id) -> { }, id -> HttpRequest.DELETE(USERS + "/" + id)),
        PURGE((api, id) -> { }, id -> HttpRequest.DELETE(USERS + "/" + id + "?hard=true")),
        RESTORE((api, id) -> api.delete(USERS + "/" + id, null).assertStatus(204),
                id -> HttpRequest.POST(USERS + "/" + id + "/restore", "")),
        GRANT_ROLE((api, id) -> { }, id -> HttpRequest.PUT(USERS + "/" + id + "/roles/AUDITOR", "")),
        REVOKE_ROLE((api, id) -> api.put(USERS + "/" + id + "/roles/AUDITOR", null).assertStatus(204),
                id -> HttpRequest.DELETE(USERS + "/" + id + "/roles/AUDITOR")),
        SET_PASSWORD((api, id) -> { }, id -> HttpRequest.PUT(USERS + "/" + id + "/password",
                "{\"password\":\"a new password that is long\"}").contentType(MediaType.APPLICATION_JSON_TYPE)),
        ANONYMIZE((api, id) -> { }, id -> HttpRequest.POST(USERS + "/" + id + "/anonymize", "")),
        REVOKE_SESSIONS((api, id) -> { }, id -> HttpRequest.POST(USERS + "/" + id + "/sessions/revoke", "")),
        PATCH((api, id) -> { }, id -> HttpRequest.PATCH(USERS + "/" + id, "{\"phone\":\"+441234567890\"}")
                .contentType(TestClient.MERGE_PATCH_JSON));

        final BiConsumer<TestClient, String> prepare;
        final Function<String, MutableHttpRequest<?>> request;

        Write(BiConsumer<TestClient, String> prepare, Function<String, MutableHttpRequest<?>> request) {
            this.prepare = prepare;
            this.request = request;
        }
    }

    private String id;

    @BeforeEach
    void aUserChangedOnceSinceItWasCreated() {
        database.clear();
        id = api.createUser("{\"email\":\"ada@example.org\",\"displayName\":\"Ada\"}", null);
        api.patch(USERS + "/" + id, "{\"displayName\":\"Ada Lovelace\"}").assertStatus(200);
    }

    @ParameterizedTest
    @EnumSource(Write.class)
    void aStaleIfMatchIsRefusedWith412AndChangesNothing(Write write) {
        write.prepare.accept(api, id);
        TestReply before = api.get(USERS + "/" + id);
        long version = Long.parseLong(before.etag().replace("\"", ""));
        assertThat(version).isPositive();

        api.send(write.request.apply(id).header(HttpHeaders.IF_MATCH, "\"" + (version - 1) + "\""))
                .assertProblem(412, "precondition-failed");

        TestReply after = api.get(USERS + "/" + id).assertStatus(200);
        assertThat(after.etag()).isEqualTo(before.etag());
        assertThat(after.json()).isEqualTo(before.json());
    }

    @ParameterizedTest
    @EnumSource(Write.class)
    void theCurrentIfMatchLetsTheWriteThrough(Write write) {
        write.prepare.accept(api, id);
        String current = api.get(USERS + "/" + id).etag();

        TestReply reply = api.send(write.request.apply(id).header(HttpHeaders.IF_MATCH, current));

        assertThat(reply.status()).as("%s with the current tag: %s", write, reply.body()).isBetween(200, 204);
    }

    @ParameterizedTest
    @EnumSource(Write.class)
    void aWeakTagNeverMatches(Write write) {
        write.prepare.accept(api, id);
        String current = api.get(USERS + "/" + id).etag();

        api.send(write.request.apply(id).header(HttpHeaders.IF_MATCH, "W/" + current)).assertProblem(412, "precondition-failed");
    }
}
