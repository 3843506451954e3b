package dev.roster.application.fakes;

import dev.roster.application.model.recipients.ErasureRecipient;
import dev.roster.application.model.webhooks.DeliveryEndpoint;
import dev.roster.application.model.webhooks.WebhookSubscription;
import dev.roster.application.port.out.webhooks.DeliveryEndpoints;
import dev.roster.application.port.out.webhooks.WebhookSubscriptions;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * {@link WebhookSubscriptions} in a map of immutable records; removing one removes its deliveries from the fake store.
 * Also the {@link DeliveryEndpoints} of every kind: the subscriptions, and the recipients of an attached
 * {@link InMemoryErasureRecipients} (as the JDBC adapters share one table).
 */
public final class InMemoryWebhookSubscriptions implements WebhookSubscriptions, DeliveryEndpoints {
    private final Map<UUID, WebhookSubscription> subscriptions = new ConcurrentHashMap<>();
    private InMemoryWebhookDeliveries deliveries;
    private InMemoryErasureRecipients recipients;

    void attach(InMemoryWebhookDeliveries store) {
        this.deliveries = store;
    }

    void attach(InMemoryErasureRecipients store) {
        this.recipients = store;
    }

    InMemoryWebhookDeliveries deliveries() {
        return deliveries;
    }

    @Override
    public List<DeliveryEndpoint> active() {
        Stream<DeliveryEndpoint> webhooks = list().stream().filter(WebhookSubscription::active).map(WebhookSubscription::endpoint);
        Stream<DeliveryEndpoint> erasure = recipients == null ? Stream.empty()
                : recipients.list().stream().filter(ErasureRecipient::active).map(ErasureRecipient::endpoint);
        return Stream.concat(webhooks, erasure).toList();
    }

    /** Whether a subscription or recipient with this id is active. */
    boolean isActive(UUID id) {
        return active().stream().anyMatch(endpoint -> endpoint.id().equals(id));
    }

    @Override
    public boolean deactivateGone(UUID id, Instant now) {
        WebhookSubscription subscription = subscriptions.get(id);
        if (subscription != null && subscription.active()) {
            subscriptions.put(id, new WebhookSubscription(id, subscription.url(), subscription.eventTypes(),
                    subscription.description(), false, Optional.of(WebhookSubscription.GONE), subscription.secret(),
                    subscription.previousSecret(), subscription.previousSecretExpiresAt(), subscription.createdAt(), now));
            return true;
        }
        return recipients != null && recipients.deactivateGone(id, now);
    }

    @Override
    public void add(WebhookSubscription subscription) {
        if (subscriptions.putIfAbsent(subscription.id(), subscription) != null) {
            throw new IllegalStateException("duplicate subscription id");
        }
    }

    @Override
    public boolean update(WebhookSubscription subscription) {
        return subscriptions.replace(subscription.id(), subscription) != null;
    }

    @Override
    public boolean remove(UUID id) {
        boolean removed = subscriptions.remove(id) != null;
        if (removed && deliveries != null) {
            deliveries.removeAllOf(id);
        }
        return removed;
    }

    @Override
    public Optional<WebhookSubscription> find(UUID id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    @Override
    public List<WebhookSubscription> list() {
        return subscriptions.values().stream()
                .sorted(Comparator.comparing(WebhookSubscription::createdAt).thenComparing(s -> s.id().toString()))
                .toList();
    }
}
