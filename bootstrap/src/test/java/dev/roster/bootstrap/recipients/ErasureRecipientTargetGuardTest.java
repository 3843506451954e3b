package dev.roster.bootstrap.recipients;

import dev.roster.application.model.recipients.ErasureRecipient;
import dev.roster.application.model.webhooks.SigningSecrets;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.recipients.ErasureRecipients;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.webhooks.Receiver;
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
import java.util.Map;
import java.util.UUID;

import static dev.roster.bootstrap.recipients.Recipients.RECIPIENTS;
import static dev.roster.bootstrap.recipients.Recipients.entry;
import static dev.roster.bootstrap.webhooks.Receiver.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The webhooks' SSRF rule for erasure recipients, as operators get it by default: at registration and at delivery time. */
@MicronautTest(transactional = false)
@Property(name = "roster.webhooks.allow-private-targets", value = "false")
class ErasureRecipientTargetGuardTest {
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;
    @Inject
    Recipients recipients;
    @Inject
    ErasureRecipients store;
    @Inject
    TransactionBoundary transactions;

    String admin;

    @BeforeEach
    void startEmpty() {
        database.clear();
        admin = accounts.adminToken();
    }

    @ParameterizedTest(name = "{0} → 400 forbidden-target")
    @ValueSource(strings = {"http://127.0.0.1:8080/erasures", "http://localhost/erasures", "http://[::1]/", "http://10.0.0.1/",
            "http://192.168.0.10/", "http://169.254.169.254/latest/meta-data/", "http://[fc00::1]/", "http://[::ffff:127.0.0.1]/"})
    void aRecipientAtAnInternalAddressIsRefused(String url) {
        api.postJson(RECIPIENTS, "{\"name\":\"orders\",\"url\":\"" + url + "\"}", admin).assertProblem(400, "forbidden-target");
        assertThat(api.get(RECIPIENTS, admin).items()).isEmpty();
    }

    @Test
    void aHostThatResolvesToLoopbackAtDeliveryTimeIsNotCalledAndTheRequestFails() throws Exception {
        try (Receiver receiver = new Receiver()) {
            // stored directly, as if the name had resolved to a public address when it was registered
            UUID id = UUID.randomUUID();
            Instant now = Instant.now();
            transactions.inTransaction(() -> store.add(ErasureRecipient.create(id, "orders",
                    new WebhookUrl("http://localhost:" + receiver.port() + "/erasures"), SigningSecrets.generate(new SecureRandom()), now)));
            String receiptId = recipients.erase("guarded@roster.test", admin);
            await(Duration.ofSeconds(15), "the request fails", () -> {
                Map<String, Object> entry = entry(recipients.receipt(receiptId, admin), id.toString());
                return entry != null && "failed".equals(entry.get("status"));
            });
            assertThat(receiver.requests()).isEmpty();
        }
    }
}
