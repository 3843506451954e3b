package dev.roster.application.service.webhooks;

import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.model.webhooks.WebhookSubscription;
import dev.roster.application.port.in.webhooks.DispatchWebhooksUseCase;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.webhooks.WebhookDeliveries;
import dev.roster.application.port.out.webhooks.WebhookMetrics;
import dev.roster.application.port.out.webhooks.WebhookSender;
import dev.roster.application.port.out.webhooks.WebhookSubscriptions;

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
 * Sends webhook deliveries: claims due ones under a lease (so that no other dispatcher sends them meanwhile, on any
 * instance), sends each outside any transaction, then records the outcome in a short transaction: delivered on a 2xx;
 * a 410 fails the delivery and deactivates the subscription; anything else is retried on the {@link RetrySchedule}
 * until it is used up, then failed. A crash after sending and before recording sends again when the lease ends
 * (at-least-once; the webhook-id makes the duplicate harmless).
 */
public final class WebhookDispatchService implements DispatchWebhooksUseCase {
    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final WebhookMetrics metrics;
    private final RetrySchedule schedule;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Duration lease;

    public WebhookDispatchService(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, WebhookSender sender,
                                  WebhookMetrics metrics, RetrySchedule schedule, TransactionBoundary transactions,
                                  Clock clock, Duration lease) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    @Override
    public List<WebhookSubscription> activeSubscriptions() {
        return transactions.readOnly(() -> subscriptions.list().stream().filter(WebhookSubscription::active).toList());
    }

    @Override
    public List<WebhookDelivery> claim(UUID subscriptionId, int limit) {
        Instant now = now();
        return transactions.inTransaction(() -> deliveries.claimDue(subscriptionId, now, now.plus(lease), limit));
    }

    @Override
    public WebhookDelivery attempt(WebhookSubscription subscription, WebhookDelivery delivery) {
        Instant sentAt = now();
        WebhookSender.Result result = sender.send(subscription.url(), delivery.message(), subscription.signingSecrets(sentAt), sentAt);
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
                subscriptions.find(subscription.id()).filter(WebhookSubscription::active)
                        .ifPresent(current -> subscriptions.update(current.gone(done)));
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
            case DELIVERED -> metrics.delivered(recorded.message().isPing()
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
