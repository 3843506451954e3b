package dev.roster.bootstrap.http;

import static dev.roster.bootstrap.TestClient.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 11 point 10: a query parameter an endpoint does not know is refused with 400, as unknown body members are. */
@MicronautTest(transactional = false, environments = "unsecured")
class QueryParametersApiTest {
    @Inject
    TestClient api;
    @Inject
    TestDatabase database;

    private String id;

    @BeforeEach
    void oneUser() {
        database.clear();
        id = api.createUser("{\"email\":\"ada@example.org\",\"attributes\":{\"team\":\"blue\"}}", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/users?stauts=DELETED", "/api/v1/users/count?q=ada&limt=3",
            "/api/v1/users/export?format=csv&feilds=email", "/api/v1/audit-events?user=x", "/api/v1/stats/users?year=2026"})
    void aMisspeltOrUnknownParameterIs400NamingIt(String uri) {
        String unknown = uri.substring(uri.lastIndexOf('&') > 0 ? uri.lastIndexOf('&') + 1 : uri.indexOf('?') + 1, uri.lastIndexOf('='));

        api.get(uri).assertValidationFailed(unknown);
    }

    @Test
    void aParameterOnAReadOfOneUserIsRefused() {
        api.get(USERS + "/" + id + "?fields=email").assertValidationFailed("fields");
    }

    @Test
    void aMisspeltFlagOnADeleteIsRefusedAndDeletesNothing() {
        api.delete(USERS + "/" + id + "?hrad=true", null).assertValidationFailed("hrad");

        assertThat(api.user(id, null)).containsEntry("status", "ACTIVE");
    }

    @Test
    void everyKnownParameterIncludingTheRepeatableAttrIsAccepted() {
        api.get(USERS + "?q=ada&status=ALL&role=USER&attr=team:blue&attr=team:blue&sort=-email&limit=5").assertStatus(200);
        api.get(USERS + "/count?attr=team:blue&status=ACTIVE").assertStatus(200);
        api.get(USERS + "/export?format=ndjson&fields=email&attr=team:blue").assertStatus(200);
        api.get("/api/v1/audit-events?limit=5&action=user.created").assertStatus(200);
    }
}
