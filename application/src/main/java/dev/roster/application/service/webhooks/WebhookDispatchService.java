package dev.roster.application.service.webhooks;

import dev.roster.application.model.webhooks.DeliveryEndpoint;
import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.port.in.webhooks.DispatchWebhooksUseCase;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.webhooks.DeliveryEndpoints;
import dev.roster.application.port.out.webhooks.WebhookDeliveries;
import dev.roster.application.port.out.webhooks.WebhookMetrics;
import dev.roster.application.port.out.webhooks.WebhookSender;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Sends webhook deliveries, to webhook subscriptions and erasure recipients alike: claims due ones under a lease (so
 * that no other dispatcher sends them meanwhile, on any instance), sends each outside any transaction, then records the
 * outcome in a short transaction: delivered on a 2xx;
 * a 410 fails the delivery and deactivates the receiver; anything else is retried on the {@link RetrySchedule}
 * until it is used up, then failed. A crash after sending and before recording sends again when the lease ends
 * (at-least-once; the webhook-id makes the duplicate harmless).
 */
public final class WebhookDispatchService implements DispatchWebhooksUseCase {
    private final DeliveryEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final WebhookMetrics metrics;
    private final RetrySchedule schedule;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Duration lease;

    public WebhookDispatchService(DeliveryEndpoints endpoints, WebhookDeliveries deliveries, WebhookSender sender,
                                  WebhookMetrics metrics, RetrySchedule schedule, TransactionBoundary transactions,
                                  Clock clock, Duration lease) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    @Override
    public List<DeliveryEndpoint> activeEndpoints() {
        return transactions.readOnly(endpoints::active);
    }

    @Override
    public List<WebhookDelivery> claim(UUID endpointId, int limit) {
        Instant now = now();
        return transactions.inTransaction(() -> deliveries.claimDue(endpointId, now, now.plus(lease), limit));
    }

    @Override
    public WebhookDelivery attempt(DeliveryEndpoint endpoint, WebhookDelivery delivery) {
        Instant sentAt = now();
        WebhookSender.Result result = sender.send(endpoint.url(), delivery.message(), endpoint.secrets().valid(sentAt), sentAt);
        Instant done = now();
        WebhookDelivery recorded;
        boolean gone = false;
        if (result.succeeded()) {
            recorded = delivery.delivered(result.status().getAsInt(), done);
        } else if (result.status().equals(OptionalInt.of(410))) {
            recorded = delivery.attemptFailed(result.status(), "gone", done, Optional.empty());
            gone = true;
        } else {
            String error = result.error().orElseGet(() -> result.status().getAsInt() / 100 == 3 ? "redirect-not-followed" : "http-status");
            recorded = delivery.attemptFailed(result.status(), error, done, schedule.next(delivery.attempts() + 1, done));
        }
        boolean deactivate = gone;
        boolean stored = transactions.inTransaction(() -> {
            if (deactivate) {
                endpoints.deactivateGone(endpoint.id(), done);
            }
            return deliveries.update(recorded);
        });
        if (stored) {
            count(recorded, done);
        }
        return recorded;
    }

    private void count(WebhookDelivery recorded, Instant done) {
        switch (recorded.status()) {
            // latency from a change event's commit; pings and erasure requests (perhaps backfilled long after) have none
            case DELIVERED -> metrics.delivered(recorded.message().position().isEmpty()
                    ? Optional.empty() : Optional.of(Duration.between(recorded.message().occurredAt(), done)));
            case PENDING -> metrics.retried();
            case FAILED -> metrics.failed();
        }
    }

    @Override
    public Optional<Instant> nextDue() {
        return transactions.readOnly(deliveries::earliestDue);
    }

    @Override
    public long queueDepth() {
        Instant now = now();
        return transactions.readOnly(() -> deliveries.countDue(now));
    }

    @Override
    public long enqueuedThrough() {
        return transactions.readOnly(deliveries::enqueuedThrough);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
