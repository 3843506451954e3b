package dev.roster.bootstrap.http;

import static dev.roster.bootstrap.TestClient.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * SPEC §5 "wrong types": every body is bound strictly. A number or boolean where a string belongs is refused with
 * 400 naming the field, as PATCH always did, instead of being stored as its text; nothing is written.
 */
@MicronautTest(transactional = false, environments = "unsecured")
class StrictBindingApiTest {
    @Inject
    TestClient api;
    @Inject
    TestDatabase database;

    @BeforeEach
    void startFromEmptyTables() {
        database.clear();
    }

    private long users() {
        return api.get(USERS + "/count?status=ALL").assertStatus(200).countValue();
    }

    @Nested
    class Create {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "{\"email\":\"ada@example.org\",\"displayName\":5}|displayName",
                "{\"email\":\"ada@example.org\",\"displayName\":true}|displayName",
                "{\"email\":\"ada@example.org\",\"phone\":441234567890}|phone",
                "{\"email\":\"ada@example.org\",\"attributes\":{\"team\":5}}|attributes",
                "{\"email\":\"ada@example.org\",\"attributes\":{\"team\":{\"x\":\"y\"}}}|attributes",
                "{\"email\":\"ada@example.org\",\"attributes\":[\"team\"]}|attributes",
                "{\"email\":\"ada@example.org\",\"roles\":[\"AUDITOR\",1]}|roles",
                "{\"email\":\"ada@example.org\",\"roles\":\"AUDITOR\"}|roles",
                "{\"email\":\"ada@example.org\",\"password\":12345678901234}|password",
                "{\"email\":42}|email"})
        void aWrongJsonTypeIsRefusedAndNothingIsStored(String body, String field) {
            api.postJson(USERS, body).assertValidationFailed(field);

            assertThat(users()).isZero();
        }

        @Test
        void nullStillMeansAbsent() {
            Map<String, Object> created = api.create("{\"email\":\"ada@example.org\",\"displayName\":null,\"phone\":null}");

            assertThat(created.get("displayName")).isNull();
        }
    }

    @Nested
    class Upsert {
        @Test
        void aNumberForADisplayNameIsRefused() {
            api.putJson(USERS + "/by-email/ada@example.org", "{\"displayName\":5}").assertValidationFailed("displayName");

            assertThat(users()).isZero();
        }

        @Test
        void aBooleanAttributeValueIsRefused() {
            api.putJson(USERS + "/by-email/ada@example.org", "{\"attributes\":{\"vip\":true}}").assertValidationFailed("attributes");

            assertThat(users()).isZero();
        }
    }

    @Nested
    class OtherBodies {
        @Test
        void aNumericPasswordIsRefused() {
            String id = api.createUser("{\"email\":\"ada@example.org\"}", null);

            api.putJson(USERS + "/" + id + "/password", "{\"password\":123456789012345}").assertValidationFailed("password");

            assertThat(api.user(id, null)).containsEntry("hasPassword", false);
        }

        @Test
        void aFileSizeGivenAsAStringIsRefused() {
            String id = api.createUser("{\"email\":\"ada@example.org\"}", null);

            api.postJson(USERS + "/" + id + "/files", "{\"name\":\"cv.pdf\",\"sizeBytes\":\"12\",\"contentType\":\"application/pdf\"}")
                    .assertValidationFailed("sizeBytes");
        }

        @Test
        void aNumericLegalHoldReasonIsRefused() {
            String id = api.createUser("{\"email\":\"ada@example.org\"}", null);

            api.putJson(USERS + "/" + id + "/legal-hold", "{\"reason\":1}").assertValidationFailed("reason");
        }

        @Test
        void anImportRowWithAWrongTypeIsARowErrorNamingTheFieldAndTheOtherRowsAreImported() {
            byte[] body = ("{\"email\":\"ada@example.org\",\"displayName\":5}\n"
                    + "{\"email\":\"grace@example.org\",\"displayName\":\"Grace\"}\n").getBytes(StandardCharsets.UTF_8);

            TestReply report = api.send(HttpRequest.POST("/api/v1/users/import", body).contentType("application/x-ndjson"));

            report.assertImportReport(2, 1, 0, 0, 1);
            assertThat(report.errors()).singleElement().satisfies(error -> {
                assertThat(error.get("field")).isEqualTo("displayName");
                assertThat(error.get("line")).isEqualTo(1);
            });
        }
    }
}
