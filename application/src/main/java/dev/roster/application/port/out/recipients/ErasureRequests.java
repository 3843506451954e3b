package dev.roster.application.port.out.recipients;

import dev.roster.application.model.recipients.ConfirmationCounts;
import dev.roster.application.model.recipients.ErasedReceipt;
import dev.roster.application.model.recipients.ErasureRequest;
import dev.roster.application.model.webhooks.DeliveryStatus;
import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The store of erasure requests: one per receipt and recipient, with the recipient's confirmation once it came.
 * Reads join each request's delivery for its status. Call inside a transaction.
 */
public interface ErasureRequests {

    /** Stores a new request; a request for the same receipt and recipient must not exist (see {@link #exists}). */
    void add(ErasureRequest request);

    boolean exists(UUID receiptId, UUID recipientId);

    /**
     * Stores the confirmation of a request that has none yet; false when there is no such request or it was confirmed
     * meanwhile (the first confirmation stays: two confirmations racing record one).
     */
    boolean confirm(ErasureRequest confirmed);

    /** The receipt's requests in the order they were made (then by recipient id), with their deliveries' status. */
    List<Tracked> ofReceipt(UUID receiptId);

    /** The recipient's requests about this user, oldest first. */
    List<ErasureRequest> of(UUID recipientId, UserId userId);

    /** How many of the receipt's requests are not confirmed. */
    long outstanding(UUID receiptId);

    /**
     * Removes the recipient's requests that are not confirmed (it is being deleted) and returns the receipts they
     * belonged to; confirmed ones stay, as the record of who confirmed.
     */
    Set<UUID> removeOutstanding(UUID recipientId);

    /** At most {@code limit} receipts issued at or after {@code since} that have no request for the recipient, oldest first. */
    List<ErasedReceipt> unrequested(UUID recipientId, Instant since, int limit);

    /** The recipient's unconfirmed requests about receipts issued at or after {@code since} whose delivery failed. */
    List<ErasureRequest> failedSince(UUID recipientId, Instant since);

    /** The unconfirmed requests: pending, failed (delivery given up), and of both those asked before {@code overdueBefore}. */
    ConfirmationCounts counts(Instant overdueBefore);

    /**
     * Whether the erasure that issued this receipt is still waiting for its change event to be placed (committed, or
     * in the caller's own transaction, but not yet sequenced): then its requests have not been made yet.
     */
    boolean awaitingRequests(UUID receiptId, UserId userId);

    /**
     * Holds off the making of requests from the change feed until the caller's transaction ends (the sequencer's lock),
     * so that a backfill or a deletion does not race it.
     */
    void holdRequesting();

    /** A request and the status of its delivery (absent when the delivery is gone). */
    record Tracked(ErasureRequest request, Optional<DeliveryStatus> delivery) {
        public Tracked {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(delivery, "delivery");
        }
    }
}
