package dev.roster.application.fakes;

import dev.roster.application.model.webhooks.WebhookSubscription;
import dev.roster.application.port.out.webhooks.WebhookSubscriptions;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link WebhookSubscriptions} in a map of immutable records; removing one removes its deliveries from the fake store. */
public final class InMemoryWebhookSubscriptions implements WebhookSubscriptions {
    private final Map<UUID, WebhookSubscription> subscriptions = new ConcurrentHashMap<>();
    private InMemoryWebhookDeliveries deliveries;

    void attach(InMemoryWebhookDeliveries store) {
        this.deliveries = store;
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
