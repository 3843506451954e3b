package dev.roster.bootstrap.webhooks;

import dev.roster.application.model.webhooks.WebhookSecret;
import dev.roster.application.model.webhooks.WebhookSubscription;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.webhooks.WebhookSubscriptions;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static dev.roster.bootstrap.webhooks.Receiver.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The SSRF rule as operators get it by default (allow-private-targets off): at subscription and at delivery time. */
@MicronautTest(transactional = false)
@Property(name = "roster.webhooks.allow-private-targets", value = "false")
class WebhookTargetGuardTest {
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;
    @Inject
    WebhookSubscriptions subscriptions;
    @Inject
    TransactionBoundary transactions;

    String admin;

    @BeforeEach
    void startEmpty() {
        database.clear();
        admin = accounts.adminToken();
    }

    @ParameterizedTest(name = "{0} → 400 forbidden-target")
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/", "http://[::127.0.0.1]/", "http://10.0.0.1/", "http://172.20.0.1/", "http://192.168.0.10/",
            "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[fc00::1]/", "http://0.0.0.0/",
            "http://100.100.100.100/", "http://[64:ff9b::a00:1]/"})
    void aSubscriptionToAnInternalAddressIsRefused(String url) {
        api.postJson(WebhookApiTest.WEBHOOKS, "{\"url\":\"" + url + "\"}", admin).assertProblem(400, "forbidden-target");
    }

    @Test
    void changingTheUrlToAnInternalAddressIsRefusedToo() {
        String id = (String) ((Map<?, ?>) api.postJson(WebhookApiTest.WEBHOOKS, "{\"url\":\"https://93.184.216.34/hook\"}", admin)
                .assertStatus(201).json().get("webhook")).get("id");
        api.patch(WebhookApiTest.WEBHOOKS + "/" + id, "{\"url\":\"http://127.0.0.1/\"}", admin).assertProblem(400, "forbidden-target");
    }

    @Test
    void aHostThatResolvesToLoopbackAtDeliveryTimeIsNotCalled() throws Exception {
        try (Receiver receiver = new Receiver()) {
            // stored directly, as if the name had resolved to a public address when it was subscribed
            Instant now = Instant.now();
            UUID id = UUID.randomUUID();
            transactions.inTransaction(() -> subscriptions.add(new WebhookSubscription(id,
                    new WebhookUrl("http://localhost:" + receiver.port() + "/hook"), Set.of(), Optional.empty(), true,
                    Optional.empty(), WebhookSecret.generate(new SecureRandom()), Optional.empty(), Optional.empty(), now, now)));
            api.post(WebhookApiTest.WEBHOOKS + "/" + id + "/ping", admin).assertStatus(202);
            await(Duration.ofSeconds(15), "the ping is refused", () -> {
                List<Map<String, Object>> items = api.get(WebhookApiTest.WEBHOOKS + "/" + id + "/deliveries", admin).items();
                return !items.isEmpty() && "forbidden-target".equals(items.get(0).get("lastError"));
            });
            assertThat(receiver.requests()).isEmpty();
        }
    }
}
