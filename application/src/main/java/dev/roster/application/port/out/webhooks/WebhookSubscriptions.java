package dev.roster.application.port.out.webhooks;

import dev.roster.application.model.webhooks.WebhookSubscription;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The store of webhook subscriptions (secrets included: they must sign). Call inside a transaction. */
public interface WebhookSubscriptions {

    void add(WebhookSubscription subscription);

    /** Replaces the stored subscription with this id; returns false when there is none. */
    boolean update(WebhookSubscription subscription);

    /** Removes the subscription and every delivery of it; returns false when there was none. */
    boolean remove(UUID id);

    /** Absent when there is no subscription with this id. */
    Optional<WebhookSubscription> find(UUID id);

    /** Every subscription, oldest first (by creation time, then id). */
    List<WebhookSubscription> list();
}
