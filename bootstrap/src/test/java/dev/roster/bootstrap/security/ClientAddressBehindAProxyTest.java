package dev.roster.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * Behind one trusted proxy that appends the caller to X-Forwarded-For (ADR 0015): the audit trail records the entry
 * that proxy appended, never the rest of the header; a header value that is no IP literal (here 200 characters of it)
 * falls back to the socket peer and is neither a 500 nor stored. The test client's own requests come from 127.0.0.1.
 */
@MicronautTest(transactional = false)
@Property(name = "micronaut.server.client-address-header", value = "X-Forwarded-For")
@Property(name = "roster.http.trusted-proxies", value = "1")
class ClientAddressBehindAProxyTest {
    private static final String SOCKET_PEER = "127.0.0.1";
    private static final String LONG_VALUE = "x".repeat(200);
    private static final String WRONG_PASSWORD = "not the right password";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;

    private String admin;

    @BeforeEach
    void startEmpty() {
        database.clear();
        admin = accounts.adminToken();
    }

    @Nested
    class TheAuditTrail {
        @Test
        void recordsTheAddressTheProxyAppendedAndNotWhatTheClientPutInFrontOfIt() {
            api.send(login("someone@roster.test").header("X-Forwarded-For", "203.0.113.66, 198.51.100.7"), null)
                    .assertUnauthorized();

            assertThat(loginFailures()).extracting(event -> event.get("clientAddress")).containsExactly("198.51.100.7");
        }

        @Test
        void recordsAnIpv6AddressInItsShortForm() {
            api.send(login("someone@roster.test").header("X-Forwarded-For", "[2001:DB8:0:0:0:0:0:7]:4711"), null)
                    .assertUnauthorized();

            assertThat(loginFailures()).extracting(event -> event.get("clientAddress")).containsExactly("2001:db8::7");
        }
    }

    @Nested
    class AHeaderValueOf200Characters {
        @Test
        void isNoServerErrorOnALoginAndTheSocketPeerIsRecorded() {
            api.send(login("someone@roster.test").header("X-Forwarded-For", LONG_VALUE), null).assertUnauthorized();

            assertThat(loginFailures()).extracting(event -> event.get("clientAddress")).containsExactly(SOCKET_PEER);
        }

        @Test
        void isNoServerErrorOnASuccessfulLogin() {
            accounts.createUser("owner@roster.test");

            api.send(HttpRequest.POST("/login", "{\"username\":\"owner@roster.test\",\"password\":\"" + TestAccounts.PASSWORD + "\"}")
                    .contentType(MediaType.APPLICATION_JSON_TYPE).header("X-Forwarded-For", LONG_VALUE), null).assertStatus(200);
        }

        @Test
        void isNoServerErrorOnAnAuditedWriteAndTheSocketPeerIsRecorded() {
            TestReply created = api.send(HttpRequest.POST(TestClient.USERS, "{\"email\":\"created@roster.test\"}")
                    .contentType(MediaType.APPLICATION_JSON_TYPE).header("X-Forwarded-For", LONG_VALUE), admin);

            created.assertStatus(201);
            String id = (String) created.json().get("id");
            assertThat(events("?action=user.created&userId=" + id)).extracting(event -> event.get("clientAddress"))
                    .containsExactly(SOCKET_PEER);
        }

        @Test
        void inFrontOfTheProxysEntryIsIgnored() {
            TestReply created = api.send(HttpRequest.POST(TestClient.USERS, "{\"email\":\"created@roster.test\"}")
                    .contentType(MediaType.APPLICATION_JSON_TYPE).header("X-Forwarded-For", LONG_VALUE + ", 198.51.100.8"), admin);

            created.assertStatus(201);
            String id = (String) created.json().get("id");
            assertThat(events("?action=user.created&userId=" + id)).extracting(event -> event.get("clientAddress"))
                    .containsExactly("198.51.100.8");
        }
    }

    private static MutableHttpRequest<String> login(String email) {
        return HttpRequest.POST("/login", "{\"username\":\"" + email + "\",\"password\":\"" + WRONG_PASSWORD + "\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private List<Map<String, Object>> loginFailures() {
        return events("?action=login.failed");
    }

    private List<Map<String, Object>> events(String query) {
        return api.get("/api/v1/audit-events" + query, admin).assertStatus(200).items();
    }
}
