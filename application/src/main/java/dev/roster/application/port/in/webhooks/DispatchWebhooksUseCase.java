package dev.roster.application.port.in.webhooks;

import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.model.webhooks.WebhookSubscription;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the dispatcher's threads drive (the threads live in an adapter): claim due deliveries of one subscription,
 * each under a lease so that no other dispatcher on any instance sends it meanwhile, then attempt each and record
 * the outcome (delivered, retried with backoff, failed; 410 deactivates the subscription).
 */
public interface DispatchWebhooksUseCase {

    /** The active subscriptions, whose due deliveries may be claimed. */
    List<WebhookSubscription> activeSubscriptions();

    /**
     * Claims at most {@code limit} due deliveries of this subscription, in position order, none of them behind an
     * earlier pending delivery of the same user (per subscription, a user's events go out in order).
     */
    List<WebhookDelivery> claim(UUID subscriptionId, int limit);

    /** Attempts one claimed delivery and records the outcome; returns the delivery as recorded. */
    WebhookDelivery attempt(WebhookSubscription subscription, WebhookDelivery delivery);

    /** When the earliest pending delivery of an active subscription is due, if any is pending. */
    Optional<Instant> nextDue();

    /** Pending deliveries of active subscriptions that are due now. */
    long queueDepth();

    /** The feed position through which change events have been turned into deliveries. */
    long enqueuedThrough();
}
