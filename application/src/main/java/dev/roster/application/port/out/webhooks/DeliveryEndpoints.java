package dev.roster.application.port.out.webhooks;

import dev.roster.application.model.webhooks.DeliveryEndpoint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The receivers the dispatcher sends to, of every kind: webhook subscriptions and erasure recipients share the
 * delivery queue, the claims, the retries and the 410 rule. Call inside a transaction.
 */
public interface DeliveryEndpoints {

    /** Every active receiver, oldest first (by creation time, then id). */
    List<DeliveryEndpoint> active();

    /**
     * Deactivates the receiver because it answered 410 Gone (disabled reason {@code gone}); false when there is no
     * active receiver with this id (deleted or deactivated meanwhile).
     */
    boolean deactivateGone(UUID id, Instant now);
}
