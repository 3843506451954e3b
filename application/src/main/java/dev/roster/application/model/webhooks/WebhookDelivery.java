package dev.roster.application.model.webhooks;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One message for one subscription and the state of its attempts. {@code sequence} is the store's insertion order
 * (0 before it is stored). {@code nextAttemptAt} is set while pending (an attempt in flight holds it a lease ahead);
 * {@code lastError} is a fixed word (timeout, connection-failed, forbidden-target, ...), never a receiver's text.
 */
public record WebhookDelivery(UUID id, UUID subscriptionId, long sequence, WebhookMessage message, DeliveryStatus status,
                              int attempts, Optional<Instant> nextAttemptAt, Optional<Instant> lastAttemptAt,
                              OptionalInt lastStatus, Optional<String> lastError, Optional<Instant> deliveredAt,
                              Instant createdAt) {
    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
        Objects.requireNonNull(lastStatus, "lastStatus");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(createdAt, "createdAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts");
        }
        if (status == DeliveryStatus.PENDING && nextAttemptAt.isEmpty()) {
            throw new IllegalArgumentException("a pending delivery has a next attempt");
        }
    }

    /** A new delivery, due at once. */
    public static WebhookDelivery due(UUID id, UUID subscriptionId, WebhookMessage message, Instant now) {
        return new WebhookDelivery(id, subscriptionId, 0, message, DeliveryStatus.PENDING, 0, Optional.of(now),
                Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), now);
    }

    public WebhookDelivery delivered(int httpStatus, Instant at) {
        return new WebhookDelivery(id, subscriptionId, sequence, message, DeliveryStatus.DELIVERED, attempts + 1,
                Optional.empty(), Optional.of(at), OptionalInt.of(httpStatus), Optional.empty(), Optional.of(at), createdAt);
    }

    /** A failed attempt; {@code next} empty means no more attempts: the delivery is failed. */
    public WebhookDelivery attemptFailed(OptionalInt httpStatus, String error, Instant at, Optional<Instant> next) {
        return new WebhookDelivery(id, subscriptionId, sequence, message,
                next.isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED, attempts + 1, next, Optional.of(at),
                httpStatus, Optional.of(error), Optional.empty(), createdAt);
    }

    /** Due at {@code now}: a failed delivery starts a new schedule, a pending one keeps its attempts. */
    public WebhookDelivery retryNow(Instant now) {
        int keptAttempts = status == DeliveryStatus.FAILED ? 0 : attempts;
        return new WebhookDelivery(id, subscriptionId, sequence, message, DeliveryStatus.PENDING, keptAttempts,
                Optional.of(now), lastAttemptAt, lastStatus, lastError, Optional.empty(), createdAt);
    }

    public WebhookDelivery withSequence(long assigned) {
        return new WebhookDelivery(id, subscriptionId, assigned, message, status, attempts, nextAttemptAt, lastAttemptAt,
                lastStatus, lastError, deliveredAt, createdAt);
    }
}
