package dev.roster.application.port.in.recipients;

import dev.roster.application.model.recipients.RecipientStatuses;

import java.util.UUID;

/**
 * Which recipients were asked about an erasure and where each stands (for the receipt, and for a privacy request that
 * completes only when every recipient has confirmed). Joins the caller's transaction, if there is one.
 *
 * <p>Requests are made from the {@code user.anonymized} change event right after the erasure commits (when the
 * sequencer places it). Until then (also inside the erasing transaction itself) the receipt lists every active
 * recipient as {@code pending} without {@code requestedAt}: the recipients that are about to be asked. So
 * {@code allConfirmed()} is never true merely because the requests were not made yet.
 */
public interface RecipientStatusesUseCase {

    /** @throws dev.roster.application.port.in.erasure.ReceiptNotFoundException when there is no such receipt */
    RecipientStatuses statuses(UUID receiptId);
}
