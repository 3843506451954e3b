package dev.roster.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestReply;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The per-client login limit behind one trusted proxy that appends the caller to X-Forwarded-For (ADR 0015): 3 logins
 * per client every minute, the client being the right-most entry. A client that writes a new address in front of it
 * with every request is still one client. Its own context, since every login counts here.
 */
@MicronautTest(transactional = false)
@Property(name = "micronaut.server.client-address-header", value = "X-Forwarded-For")
@Property(name = "roster.http.trusted-proxies", value = "1")
@Property(name = "roster.rate-limits.limits.login-per-client.permits", value = "3")
@Property(name = "roster.rate-limits.limits.login-per-client.period", value = "PT1M")
class LoginPerClientBehindAProxyTest {
    private static final int PERMITS = 3;

    @Inject
    TestClient api;

    @Test
    void aClientSuppliedPrefixInXForwardedForDoesNotEscapeTheLimit() {
        for (int i = 0; i < PERMITS; i++) {
            login("203.0.113." + (i + 1) + ", 198.51.100.20", i).assertUnauthorized();
        }

        TestReply limited = login("203.0.113." + (PERMITS + 1) + ", 198.51.100.20", PERMITS);

        limited.assertProblem(429, "rate-limited");
        assertThat(limited.header("Retry-After")).matches("[0-9]+");
    }

    @Test
    void anotherClientBehindTheSameProxyHasItsOwnLimit() {
        for (int i = 0; i < PERMITS; i++) {
            login("198.51.100.30", i).assertUnauthorized();
        }
        login("198.51.100.30", PERMITS).assertProblem(429, "rate-limited");

        login("198.51.100.31", PERMITS).assertUnauthorized();
    }

    private TestReply login(String forwardedFor, int attempt) {
        return api.send(HttpRequest.POST("/login",
                        "{\"username\":\"sprayed-" + attempt + "@roster.test\",\"password\":\"Summer2024!Summer\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Forwarded-For", forwardedFor), null);
    }
}
