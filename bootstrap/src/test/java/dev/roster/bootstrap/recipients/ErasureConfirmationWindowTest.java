package dev.roster.bootstrap.recipients;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.recipients.Recipients.Registered;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.roster.bootstrap.recipients.Recipients.confirmation;
import static dev.roster.bootstrap.recipients.Recipients.entry;
import static dev.roster.bootstrap.webhooks.Receiver.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code roster.erasure.confirmation-window} shortened to 50 ms: a recipient that has not confirmed within it is
 * flagged overdue on the receipt and counted at /prometheus; one that confirmed (even late) is not.
 */
@MicronautTest(transactional = false)
@Property(name = "roster.erasure.confirmation-window", value = "50ms")
class ErasureConfirmationWindowTest {
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;
    @Inject
    Recipients recipients;

    String admin;

    @BeforeEach
    void startEmpty() {
        database.clear();
        admin = accounts.adminToken();
    }

    @Test
    void aRecipientThatHasNotConfirmedWithinTheWindowIsOverdueUntilItConfirms() {
        Registered orders = recipients.register("orders", "https://orders.example.com/erasures", admin);
        Registered billing = recipients.register("billing", "https://billing.example.com/erasures", admin);
        String receiptId = recipients.erase("late@roster.test", admin);
        await(Duration.ofSeconds(15), "both overdue", () -> {
            Map<String, Object> receipt = recipients.receipt(receiptId, admin);
            return Boolean.TRUE.equals(entry(receipt, orders.id()).get("overdue")) && Boolean.TRUE.equals(entry(receipt, billing.id()).get("overdue"));
        });
        Map<String, Object> overdue = entry(recipients.receipt(receiptId, admin), orders.id());
        assertThat(overdue).containsEntry("status", "pending");
        assertThat(Instant.parse((String) overdue.get("dueAt"))).isEqualTo(Instant.parse((String) overdue.get("requestedAt")).plusMillis(50));
        assertThat(api.send(HttpRequest.GET("/prometheus"), admin).assertStatus(200).body())
                .containsPattern("roster_erasure_requests_overdue(\\{[^}]*\\})? 2\\.0");

        String userId = (String) recipients.receipt(receiptId, admin).get("userId");
        recipients.confirm(orders.id(), orders.secret(), confirmation(userId, Instant.now(), "{}"), Instant.now()).assertStatus(200);
        Map<String, Object> receipt = recipients.receipt(receiptId, admin);
        assertThat(entry(receipt, orders.id())).containsEntry("status", "confirmed").containsEntry("overdue", false);
        assertThat(entry(receipt, billing.id())).containsEntry("status", "pending").containsEntry("overdue", true);
        await(Duration.ofSeconds(5), "the gauge counts one", () -> api.send(HttpRequest.GET("/prometheus"), admin).body()
                .matches("(?s).*roster_erasure_requests_overdue(\\{[^}]*\\})? 1\\.0.*"));
    }
}
