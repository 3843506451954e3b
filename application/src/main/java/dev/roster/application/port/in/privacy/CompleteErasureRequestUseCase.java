package dev.roster.application.port.in.privacy;

import dev.roster.application.model.privacy.PrivacyRequest;

import java.util.UUID;

/**
 * Marks an ERASURE request completed given the receipt of the erasure that fulfils it. Completing an ERASURE request
 * calls this at once after Roster's own erasure today; once downstream services confirm erasures, the request will wait
 * IN_PROGRESS for them and this will be called when the last one has confirmed.
 */
public interface CompleteErasureRequestUseCase {
    /**
     * @throws PrivacyRequestNotFoundException when there is no such request
     * @throws dev.roster.application.model.privacy.PrivacyRequestStateException when it is no ERASURE request, is
     *         closed, or waits for another receipt
     */
    PrivacyRequest completeErasure(UUID requestId, UUID receiptId);
}
