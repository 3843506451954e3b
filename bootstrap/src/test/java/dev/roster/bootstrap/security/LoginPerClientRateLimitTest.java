package dev.roster.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-client login limit (a password-spraying run tries one password on many emails): with 3 logins per client
 * every 2 seconds, a client that moves from email to email is stopped all the same. Its own context, since every
 * login of the test client counts here. Each method starts with an empty shared store (on PostgreSQL, the limits of
 * earlier test contexts are still counted there, ADR 0023).
 */
@MicronautTest(transactional = false)
@Property(name = "roster.rate-limits.limits.login-per-client.permits", value = "3")
@Property(name = "roster.rate-limits.limits.login-per-client.period", value = "PT2S")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginPerClientRateLimitTest {
    private static final int PERMITS = 3;

    @Inject
    TestClient api;
    @Inject
    TestDatabase database;

    @BeforeEach
    void startWithFreshLimits() {
        database.clear();
    }

    @Test
    @Order(1)
    void theFourthLoginFromOneClientWithinThePeriodIs429WhateverTheEmail() {
        for (int i = 0; i < PERMITS; i++) {
            api.login("sprayed-" + i + "@roster.test", "Summer2024!Summer").assertUnauthorized();
        }

        TestReply limited = api.login("sprayed-" + PERMITS + "@roster.test", "Summer2024!Summer");

        limited.assertProblem(429, "rate-limited");
        assertThat(limited.header("Retry-After")).matches("[12]");
    }

    @Test
    @Order(2)
    void aForgedForwardedForHeaderDoesNotEscapeTheLimit() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < PERMITS + 2; i++) {
            TestReply reply = api.send(HttpRequest.POST("/login",
                            "{\"username\":\"forwarded-" + i + "@roster.test\",\"password\":\"Summer2024!Summer\"}")
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header("X-Forwarded-For", "198.51.100." + (i + 1)), null);
            statuses.add(reply.status());
            if (reply.status() == 429) {
                reply.assertProblem(429, "rate-limited");
            } else {
                reply.assertUnauthorized();
            }
        }
        // every request comes from the same socket: at most PERMITS of them may be answered before the limit holds
        assertThat(statuses).as("statuses of %d logins from one socket", PERMITS + 2).contains(429);
    }
}
