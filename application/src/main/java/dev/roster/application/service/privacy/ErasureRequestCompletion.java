package dev.roster.application.service.privacy;

import dev.roster.application.model.privacy.PrivacyRequest;
import dev.roster.application.model.privacy.PrivacyRequestFilter;
import dev.roster.application.model.privacy.PrivacyRequestStatus;
import dev.roster.application.model.privacy.PrivacyRequestType;
import dev.roster.application.port.in.privacy.CompleteErasureRequestUseCase;
import dev.roster.application.port.out.erasure.ErasureReceiptRepository;
import dev.roster.application.port.out.privacy.PrivacyRequests;
import dev.roster.application.port.out.recipients.ErasureConfirmationListener;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Completes the ERASURE requests that wait IN_PROGRESS for an erasure's recipients, once the last of them confirmed
 * (SPEC §8): called by the recipients room inside the confirming transaction, so the request is COMPLETED exactly when
 * the confirmation is stored. Idempotent: a request completed already is no longer IN_PROGRESS and is not found again.
 */
public final class ErasureRequestCompletion implements ErasureConfirmationListener {
    /** More ERASURE requests of one user waiting at once than this would be a filing error; they are completed in turns. */
    private static final int BATCH = 100;

    private final ErasureReceiptRepository receipts;
    private final PrivacyRequests requests;
    private final CompleteErasureRequestUseCase completion;

    public ErasureRequestCompletion(ErasureReceiptRepository receipts, PrivacyRequests requests,
                                    CompleteErasureRequestUseCase completion) {
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.completion = Objects.requireNonNull(completion, "completion");
    }

    @Override
    public void allConfirmed(UUID receiptId) {
        receipts.findById(receiptId).ifPresent(receipt -> {
            PrivacyRequestFilter waiting = new PrivacyRequestFilter(Set.of(PrivacyRequestStatus.IN_PROGRESS),
                    Set.of(PrivacyRequestType.ERASURE), Optional.of(receipt.userId()), Optional.empty(), Optional.empty());
            List<PrivacyRequest> found = requests.list(waiting, Optional.empty(), BATCH);
            found.stream()
                    .filter(request -> request.outcome().flatMap(PrivacyRequest.Outcome::receiptId).filter(receiptId::equals).isPresent())
                    .forEach(request -> completion.completeErasure(request.id(), receiptId));
        });
    }
}
