package dev.roster.application.port.out.webhooks;

import dev.roster.application.model.webhooks.DeliveryStatus;
import dev.roster.application.model.webhooks.WebhookDelivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The store of webhook deliveries. Deliveries of change events are added by the store itself, right after the
 * events get their feed positions (one per event and active subscription that wants its type, none twice, none
 * missed); {@link #add} stores others (pings). Call inside a transaction.
 */
public interface WebhookDeliveries {

    /** Stores a new delivery and returns it with the sequence the store gave it (ascending in insertion order). */
    WebhookDelivery add(WebhookDelivery delivery);

    /** Stores the delivery's new state (status, attempts, times, last status and error); false when it is gone. */
    boolean update(WebhookDelivery delivery);

    /** Absent when the subscription has no delivery with this id. */
    Optional<WebhookDelivery> find(UUID subscriptionId, UUID deliveryId);

    /** The subscription's deliveries, newest (highest sequence) first, perhaps of one status, below {@code before}. */
    List<WebhookDelivery> list(UUID subscriptionId, Optional<DeliveryStatus> status, OptionalLong before, int limit);

    /**
     * Claims at most {@code limit} of the subscription's pending deliveries due at {@code now}, in position order
     * (pings after events), skipping any behind an earlier pending delivery of the same user and any another
     * transaction has locked: each claimed one becomes due only at {@code leaseUntil}, so that nobody else sends it
     * while this claimer does. A claimer that dies leaves it to be sent again when the lease ends.
     */
    List<WebhookDelivery> claimDue(UUID subscriptionId, Instant now, Instant leaseUntil, int limit);

    /** When the earliest pending delivery of an active subscription is due. */
    Optional<Instant> earliestDue();

    /** Pending deliveries of active subscriptions due at {@code now}. */
    long countDue(Instant now);

    /** The feed position through which change events have been turned into deliveries. */
    long enqueuedThrough();
}
