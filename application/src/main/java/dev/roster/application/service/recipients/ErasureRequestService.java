package dev.roster.application.service.recipients;

import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.model.recipients.ConfirmationCounts;
import dev.roster.application.model.recipients.ErasedReceipt;
import dev.roster.application.model.recipients.ErasureRecipient;
import dev.roster.application.model.recipients.ErasureRequest;
import dev.roster.application.model.recipients.RecipientStatus;
import dev.roster.application.model.recipients.RecipientStatuses;
import dev.roster.application.model.webhooks.DeliveryStatus;
import dev.roster.application.port.in.erasure.ReceiptNotFoundException;
import dev.roster.application.port.in.recipients.CountErasureConfirmationsUseCase;
import dev.roster.application.port.in.recipients.RecipientStatusesUseCase;
import dev.roster.application.port.in.recipients.RequestErasuresUseCase;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.ErasureReceiptRepository;
import dev.roster.application.port.out.recipients.ErasureRecipients;
import dev.roster.application.port.out.recipients.ErasureRequests;
import dev.roster.application.port.out.webhooks.WebhookDeliveries;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Erasure requests: made for every active recipient when an erasure's change event is placed, and read back per
 * receipt (with the confirmation window: a recipient that has not confirmed within it is overdue) and in sum for the
 * metrics.
 */
public final class ErasureRequestService implements RequestErasuresUseCase, RecipientStatusesUseCase,
        CountErasureConfirmationsUseCase {
    private final ErasureRecipients recipients;
    private final ErasureRequests requests;
    private final ErasureReceiptRepository receipts;
    private final WebhookDeliveries deliveries;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Duration window;

    public ErasureRequestService(ErasureRecipients recipients, ErasureRequests requests, ErasureReceiptRepository receipts,
                                 WebhookDeliveries deliveries, TransactionBoundary transactions, Clock clock,
                                 Duration confirmationWindow) {
        this.recipients = Objects.requireNonNull(recipients, "recipients");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(confirmationWindow, "confirmationWindow");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the confirmation window must be positive");
        }
    }

    @Override
    public int request(List<ErasedReceipt> erasures) {
        if (erasures.isEmpty()) {
            return 0;
        }
        return transactions.inTransaction(() -> {
            List<ErasureRecipient> active = recipients.list().stream().filter(ErasureRecipient::active).toList();
            Instant now = now();
            int made = 0;
            for (ErasedReceipt erased : erasures) {
                for (ErasureRecipient recipient : active) {
                    if (ErasureRequesting.request(requests, deliveries, erased, recipient, now)) {
                        made++;
                    }
                }
            }
            return made;
        });
    }

    @Override
    public RecipientStatuses statuses(UUID receiptId) {
        return transactions.readOnly(() -> {
            ErasureReceipt receipt = receipts.findById(receiptId).orElseThrow(ReceiptNotFoundException::new);
            Instant now = clock.instant();
            // Whether the requests are still to be made is asked first: the sequencer may make them between the two
            // reads, and in this order they are then found by the second (the other order could find neither).
            boolean awaiting = requests.awaitingRequests(receiptId, receipt.userId());
            List<RecipientStatus> statuses = new ArrayList<>();
            for (ErasureRequests.Tracked tracked : requests.ofReceipt(receiptId)) {
                statuses.add(status(tracked, now));
            }
            if (awaiting) {
                Set<UUID> asked = statuses.stream().map(RecipientStatus::recipientId).collect(Collectors.toSet());
                recipients.list().stream().filter(ErasureRecipient::active).filter(r -> !asked.contains(r.id()))
                        .forEach(r -> statuses.add(new RecipientStatus(r.id(), r.name(), RecipientStatus.Status.PENDING,
                                Optional.empty(), Optional.empty(), false, Optional.empty())));
            }
            return new RecipientStatuses(receiptId, statuses);
        });
    }

    private RecipientStatus status(ErasureRequests.Tracked tracked, Instant now) {
        ErasureRequest request = tracked.request();
        Instant due = request.requestedAt().plus(window);
        RecipientStatus.Status status = request.confirmed() ? RecipientStatus.Status.CONFIRMED
                : tracked.delivery().filter(DeliveryStatus.FAILED::equals).isPresent() ? RecipientStatus.Status.FAILED
                : RecipientStatus.Status.PENDING;
        boolean overdue = !request.confirmed() && now.isAfter(due);
        return new RecipientStatus(request.recipientId(), request.recipientName(), status, Optional.of(request.requestedAt()),
                Optional.of(due), overdue, request.confirmation());
    }

    @Override
    public ConfirmationCounts counts() {
        Instant overdueBefore = clock.instant().minus(window);
        return transactions.readOnly(() -> requests.counts(overdueBefore));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
