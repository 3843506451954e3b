package dev.roster.bootstrap.webhooks;

import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.model.webhooks.DeliveryEndpoint;
import dev.roster.application.port.in.webhooks.DispatchWebhooksUseCase;
import dev.roster.application.port.in.webhooks.PingWebhookUseCase;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static dev.roster.bootstrap.webhooks.Receiver.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several dispatchers on one database (SKIP LOCKED and the claim's lease): the instance's own dispatcher and four more
 * claiming threads, as other instances would, share 300 due deliveries; the receiver gets each exactly once.
 */
@MicronautTest(transactional = false)
class WebhookDispatchConcurrencyTest {
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;
    @Inject
    DispatchWebhooksUseCase dispatch;
    @Inject
    PingWebhookUseCase pings;

    @BeforeEach
    void startEmpty() {
        database.clear();
    }

    @Test
    void noDeliveryIsSentTwiceByCompetingDispatchers() throws Exception {
        String admin = accounts.adminToken();
        try (Receiver receiver = new Receiver()) {
            Map<String, Object> created = api.postJson(WebhookApiTest.WEBHOOKS, "{\"url\":\"" + receiver.url("/many") + "\"}", admin)
                    .assertStatus(201).json();
            UUID id = UUID.fromString(WebhookApiTest.id(created));
            // pause it while the deliveries pile up, so that every dispatcher starts at once
            api.patch(WebhookApiTest.WEBHOOKS + "/" + id, "{\"active\":false}", admin).assertStatus(200);
            for (int i = 0; i < 300; i++) {
                pings.ping(id);
            }
            api.patch(WebhookApiTest.WEBHOOKS + "/" + id, "{\"active\":true}", admin).assertStatus(200);
            DeliveryEndpoint subscription = dispatch.activeEndpoints().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
            ExecutorService others = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> sent = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    sent.add(others.submit((Callable<Integer>) () -> {
                        int count = 0;
                        List<WebhookDelivery> claimed;
                        while (!(claimed = dispatch.claim(id, 3)).isEmpty()) {
                            for (WebhookDelivery delivery : claimed) {
                                dispatch.attempt(subscription, delivery);
                                count++;
                            }
                        }
                        return count;
                    }));
                }
                int byOthers = 0;
                for (Future<Integer> future : sent) {
                    byOthers += future.get();
                }
                await(Duration.ofSeconds(30), "300 deliveries", () -> receiver.requests().size() >= 300);
                Thread.sleep(500); // a duplicate would arrive now
                Map<String, Long> perId = receiver.requests().stream()
                        .collect(Collectors.groupingBy(Receiver.Request::webhookId, Collectors.counting()));
                assertThat(perId).hasSize(300);
                assertThat(perId.values()).containsOnly(1L);
                assertThat(byOthers).as("the competing claimers took part").isPositive();
            } finally {
                others.shutdownNow();
            }
        }
    }
}
