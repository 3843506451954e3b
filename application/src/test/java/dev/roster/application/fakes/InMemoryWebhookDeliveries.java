package dev.roster.application.fakes;

import dev.roster.application.model.events.StoredChangeEvent;
import dev.roster.application.model.webhooks.DeliveryStatus;
import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.model.webhooks.WebhookMessage;
import dev.roster.application.model.webhooks.WebhookSubscription;
import dev.roster.application.port.out.webhooks.WebhookDeliveries;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link WebhookDeliveries} in a map of immutable records, with {@link #enqueue} standing in for the JDBC adapter's
 * enqueuer (one delivery per event and active subscription that wants its type).
 */
public final class InMemoryWebhookDeliveries implements WebhookDeliveries {
    private final Map<UUID, WebhookDelivery> deliveries = new ConcurrentHashMap<>();
    private final InMemoryWebhookSubscriptions subscriptions;
    private long sequence;
    private long enqueuedThrough;

    public InMemoryWebhookDeliveries(InMemoryWebhookSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
        subscriptions.attach(this);
    }

    /** What the sequencer's placing transaction does in the JDBC adapter. */
    public synchronized void enqueue(StoredChangeEvent stored, Instant now) {
        for (WebhookSubscription subscription : subscriptions.list()) {
            if (subscription.active() && subscription.wants(stored.event().type())) {
                WebhookMessage message = new WebhookMessage(stored.event().id(), stored.event().type().wireName(),
                        OptionalLong.of(stored.position()), stored.event().occurredAt(), Optional.of(stored.event().userId()),
                        stored.event().data());
                add(WebhookDelivery.due(UUID.randomUUID(), subscription.id(), message, now));
            }
        }
        enqueuedThrough = Math.max(enqueuedThrough, stored.position());
    }

    synchronized void removeAllOf(UUID subscriptionId) {
        deliveries.values().removeIf(delivery -> delivery.subscriptionId().equals(subscriptionId));
    }

    public List<WebhookDelivery> all() {
        return deliveries.values().stream().sorted(Comparator.comparingLong(WebhookDelivery::sequence)).toList();
    }

    @Override
    public synchronized WebhookDelivery add(WebhookDelivery delivery) {
        WebhookDelivery stored = delivery.withSequence(++sequence);
        if (deliveries.values().stream().anyMatch(d -> d.subscriptionId().equals(delivery.subscriptionId())
                && d.message().eventId().equals(delivery.message().eventId()))) {
            throw new IllegalStateException("one delivery per event and subscription");
        }
        deliveries.put(stored.id(), stored);
        return stored;
    }

    @Override
    public synchronized boolean update(WebhookDelivery delivery) {
        WebhookDelivery current = deliveries.get(delivery.id());
        if (current == null) {
            return false;
        }
        deliveries.put(delivery.id(), delivery.withSequence(current.sequence()));
        return true;
    }

    @Override
    public Optional<WebhookDelivery> find(UUID subscriptionId, UUID deliveryId) {
        return Optional.ofNullable(deliveries.get(deliveryId)).filter(d -> d.subscriptionId().equals(subscriptionId));
    }

    @Override
    public List<WebhookDelivery> list(UUID subscriptionId, Optional<DeliveryStatus> status, OptionalLong before, int limit) {
        return deliveries.values().stream()
                .filter(d -> d.subscriptionId().equals(subscriptionId))
                .filter(d -> status.map(s -> d.status() == s).orElse(true))
                .filter(d -> before.isEmpty() || d.sequence() < before.getAsLong())
                .sorted(Comparator.comparingLong(WebhookDelivery::sequence).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<WebhookDelivery> claimDue(UUID subscriptionId, Instant now, Instant leaseUntil, int limit) {
        List<WebhookDelivery> due = deliveries.values().stream()
                .filter(d -> d.subscriptionId().equals(subscriptionId) && d.status() == DeliveryStatus.PENDING)
                .filter(d -> !d.nextAttemptAt().orElseThrow().isAfter(now))
                .filter(d -> !behindAnEarlierPending(d))
                .sorted(Comparator.comparingLong((WebhookDelivery d) -> d.message().position().orElse(Long.MAX_VALUE))
                        .thenComparingLong(WebhookDelivery::sequence))
                .limit(limit)
                .toList();
        for (WebhookDelivery delivery : due) {
            deliveries.put(delivery.id(), new WebhookDelivery(delivery.id(), delivery.subscriptionId(), delivery.sequence(),
                    delivery.message(), delivery.status(), delivery.attempts(), Optional.of(leaseUntil), delivery.lastAttemptAt(),
                    delivery.lastStatus(), delivery.lastError(), delivery.deliveredAt(), delivery.createdAt()));
        }
        return due;
    }

    private boolean behindAnEarlierPending(WebhookDelivery delivery) {
        if (delivery.message().position().isEmpty()) { // pings and erasure requests: no order
            return false;
        }
        long position = delivery.message().position().getAsLong();
        return deliveries.values().stream().anyMatch(other -> other.subscriptionId().equals(delivery.subscriptionId())
                && other.status() == DeliveryStatus.PENDING && other.message().userId().equals(delivery.message().userId())
                && other.message().position().isPresent() && other.message().position().getAsLong() < position);
    }

    @Override
    public Optional<Instant> earliestDue() {
        return pendingOfActive().map(d -> d.nextAttemptAt().orElseThrow()).min(Comparator.naturalOrder());
    }

    @Override
    public long countDue(Instant now) {
        return pendingOfActive().filter(d -> !d.nextAttemptAt().orElseThrow().isAfter(now)).count();
    }

    private java.util.stream.Stream<WebhookDelivery> pendingOfActive() {
        return deliveries.values().stream().filter(d -> d.status() == DeliveryStatus.PENDING)
                .filter(d -> subscriptions.isActive(d.subscriptionId()));
    }

    @Override
    public long enqueuedThrough() {
        return enqueuedThrough;
    }
}
