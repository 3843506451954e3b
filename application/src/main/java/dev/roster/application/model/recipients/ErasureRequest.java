package dev.roster.application.model.recipients;

import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.model.webhooks.WebhookMessage;
import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One erasure asked of one recipient: which receipt and user, the delivery that carries the request, when it was
 * asked, and the recipient's confirmation once it came. One per receipt and recipient. The recipient's name is kept
 * with it, so that a receipt still names who confirmed after the recipient was deleted.
 */
public record ErasureRequest(UUID receiptId, UUID recipientId, String recipientName, UserId userId, UUID deliveryId,
                             Instant requestedAt, Optional<Confirmed> confirmation) {
    /** The type of the message recipients get (not a change type: it is sent to recipients only). */
    public static final String MESSAGE_TYPE = "user.erasure_requested";

    public ErasureRequest {
        Objects.requireNonNull(receiptId, "receiptId");
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(recipientName, "recipientName");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(confirmation, "confirmation");
    }

    /** The confirmation as recorded: when Roster received it, and what the recipient said. */
    public record Confirmed(Instant confirmedAt, Instant erasedAt, Map<String, Long> counts) {
        public Confirmed {
            Objects.requireNonNull(confirmedAt, "confirmedAt");
            Objects.requireNonNull(erasedAt, "erasedAt");
            counts = Map.copyOf(Objects.requireNonNull(counts, "counts"));
        }
    }

    /** A new request of {@code recipient} about {@code erased}, with the id of the delivery that will carry it. */
    public static ErasureRequest of(ErasedReceipt erased, ErasureRecipient recipient, UUID deliveryId, Instant now) {
        return new ErasureRequest(erased.receiptId(), recipient.id(), recipient.name(), erased.userId(), deliveryId, now,
                Optional.empty());
    }

    /**
     * The delivery that asks the recipient: {@code {"id", "type": "user.erasure_requested", "occurredAt" (the erasure),
     * "userId", "data": {"receiptId"}}}, due at once. Only the user's id: the recipient must not learn more from Roster.
     */
    public WebhookDelivery delivery(UUID messageId, Instant erasedAt) {
        WebhookMessage message = new WebhookMessage(messageId, MESSAGE_TYPE, OptionalLong.empty(), erasedAt, Optional.of(userId),
                Map.of("receiptId", receiptId.toString()));
        return WebhookDelivery.due(deliveryId, recipientId, message, requestedAt);
    }

    public boolean confirmed() {
        return confirmation.isPresent();
    }

    public ErasureRequest confirm(ErasureConfirmation what, Instant now) {
        return new ErasureRequest(receiptId, recipientId, recipientName, userId, deliveryId, requestedAt,
                Optional.of(new Confirmed(now, what.erasedAt(), what.counts())));
    }
}
