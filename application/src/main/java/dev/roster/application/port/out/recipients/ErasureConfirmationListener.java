package dev.roster.application.port.out.recipients;

import java.util.UUID;

/**
 * Learns that an erasure has no outstanding recipient any more: the last one that had not confirmed confirmed (or was
 * deleted, which withdraws what it had not confirmed). A privacy request waiting for its erasure to be confirmed
 * everywhere completes then. Called inside the transaction that records the confirmation (or the deletion): a
 * listener that throws rolls it back, and the recipient's confirmation is answered with an error, so it sends it again.
 * Called each time a receipt goes from some to no outstanding recipient: normally once, again only if a backfill later
 * asks another recipient about it and that one confirms too; so a listener must be idempotent. Never called for a
 * receipt no recipient was ever asked about: whoever erases checks {@code RecipientStatusesUseCase} for that.
 */
public interface ErasureConfirmationListener {

    void allConfirmed(UUID receiptId);
}
