package dev.roster.application.port.in.webhooks;

import dev.roster.application.model.webhooks.DeliveryEndpoint;
import dev.roster.application.model.webhooks.WebhookDelivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the dispatcher's threads drive (the threads live in an adapter): claim due deliveries of one receiver (a
 * webhook subscription or an erasure recipient), each under a lease so that no other dispatcher on any instance sends
 * it meanwhile, then attempt each and record the outcome (delivered, retried with backoff, failed; 410 deactivates
 * the receiver).
 */
public interface DispatchWebhooksUseCase {

    /** The active receivers, whose due deliveries may be claimed. */
    List<DeliveryEndpoint> activeEndpoints();

    /**
     * Claims at most {@code limit} due deliveries of this receiver, in position order, none of them behind an earlier
     * pending delivery of the same user (per receiver, a user's change events go out in order).
     */
    List<WebhookDelivery> claim(UUID endpointId, int limit);

    /** Attempts one claimed delivery and records the outcome; returns the delivery as recorded. */
    WebhookDelivery attempt(DeliveryEndpoint endpoint, WebhookDelivery delivery);

    /** When the earliest pending delivery of an active receiver is due, if any is pending. */
    Optional<Instant> nextDue();

    /** Pending deliveries of active receivers that are due now. */
    long queueDepth();

    /** The feed position through which change events have been turned into deliveries. */
    long enqueuedThrough();
}
