package dev.roster.bootstrap;

import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.in.webhooks.CreateWebhookCommand;
import dev.roster.application.port.in.webhooks.ManageWebhooksUseCase;
import dev.roster.application.port.in.webhooks.PingWebhookUseCase;
import dev.roster.bootstrap.webhooks.Receiver;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A claimed delivery is never sent after its lease may have ended (the other instance may have claimed it again by
 * then): two instances with two workers each, four deliveries in flight each and the shortest lease (15 s) share
 * deliveries to a receiver that never answers within an attempt's 10 s, so half of what each claims waits for a worker
 * longer than the lease allows. Each message reaches the receiver once. PostgreSQL only: H2 is single-instance.
 */
class WebhookLeaseOnTwoInstancesTest {

    @Test
    void aDeliveryThatWaitedTooLongForAWorkerIsLeftToItsLeaseInsteadOfSentTwice() throws Exception {
        try (ApplicationContext first = start()) {
            String product = first.getBean(TestDatabase.class).productName();
            assumeThat(product).as("several instances share PostgreSQL only").isEqualTo("PostgreSQL");
            first.getBean(TestDatabase.class).clear();
            try (ApplicationContext second = start(); Receiver receiver = new Receiver().answering(request -> hang())) {
                UUID webhook = first.getBean(ManageWebhooksUseCase.class).create(new CreateWebhookCommand(
                        new WebhookUrl(receiver.url("/slow")), Set.of(), Optional.empty())).id();
                for (int i = 0; i < 8; i++) {
                    (i % 2 == 0 ? first : second).getBean(PingWebhookUseCase.class).ping(webhook);
                }

                Thread.sleep(40_000); // two leases and more: a second send of any claimed delivery would have happened

                Map<String, Long> perId = receiver.requests().stream()
                        .collect(Collectors.groupingBy(Receiver.Request::webhookId, Collectors.counting()));
                assertThat(perId.values()).as("no message twice").containsOnly(1L);
                assertThat(perId).as("what was left to its lease was sent when it ended").hasSize(8);
            }
        }
    }

    private static int hang() {
        try {
            Thread.sleep(11_000); // longer than an attempt may take: the sender gives up (and retries in an hour)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 200;
    }

    private static ApplicationContext start() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("roster.erasure.ledger-path",
                Path.of("target", "erasure-ledgers", "lease-" + UUID.randomUUID() + ".ndjson").toString());
        properties.put("roster.webhooks.lease", "15s");
        properties.put("roster.webhooks.worker-threads", 2);
        properties.put("roster.webhooks.max-in-flight-per-subscription", 4);
        properties.put("roster.webhooks.retry-delays", List.of("1h"));
        return ApplicationContext.run(properties, "test");
    }
}
