package dev.roster.application.port.out.recipients;

import dev.roster.application.model.recipients.ErasureRecipient;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The store of erasure recipients (secrets included: they sign and verify). They are delivery endpoints like webhook
 * subscriptions, so the dispatcher finds the active ones through {@code DeliveryEndpoints}. Call inside a transaction.
 */
public interface ErasureRecipients {

    void add(ErasureRecipient recipient);

    /** Replaces the stored recipient with this id; false when there is none. */
    boolean update(ErasureRecipient recipient);

    /** Removes the recipient and every delivery to it (its erasure requests are the caller's business). */
    boolean remove(UUID id);

    /** Absent when there is no recipient with this id. */
    Optional<ErasureRecipient> find(UUID id);

    /** Every recipient, oldest first (by creation time, then id). */
    List<ErasureRecipient> list();
}
