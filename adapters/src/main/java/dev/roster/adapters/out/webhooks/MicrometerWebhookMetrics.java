package dev.roster.adapters.out.webhooks;

import dev.roster.application.port.out.webhooks.WebhookMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * Delivery outcomes at /prometheus: {@code roster_webhook_deliveries_total{outcome=delivered|retried|failed}} and
 * {@code roster_webhook_delivery_latency_seconds} (commit of the change event to its accepted delivery, with
 * percentile buckets). The queue depth gauge is registered by the dispatcher, which owns the query.
 */
@Singleton
final class MicrometerWebhookMetrics implements WebhookMetrics {
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;
    private final Timer latency;

    MicrometerWebhookMetrics(MeterRegistry registry) {
        this.delivered = outcome(registry, "delivered");
        this.retried = outcome(registry, "retried");
        this.failed = outcome(registry, "failed");
        this.latency = Timer.builder("roster.webhook.delivery.latency")
                .description("Time from a change event's commit to its accepted webhook delivery")
                .publishPercentileHistogram()
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("roster.webhook.deliveries")
                .description("Webhook delivery attempts by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public void delivered(Optional<Duration> sinceCommit) {
        delivered.increment();
        sinceCommit.filter(duration -> !duration.isNegative()).ifPresent(latency::record);
    }

    @Override
    public void retried() {
        retried.increment();
    }

    @Override
    public void failed() {
        failed.increment();
    }
}
