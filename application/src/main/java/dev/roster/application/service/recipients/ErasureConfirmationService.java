package dev.roster.application.service.recipients;

import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.recipients.ErasureConfirmation;
import dev.roster.application.model.recipients.ErasureRecipient;
import dev.roster.application.model.recipients.ErasureRequest;
import dev.roster.application.port.in.recipients.ConfirmErasureUseCase;
import dev.roster.application.port.in.recipients.ConfirmationRefusedException;
import dev.roster.application.port.in.recipients.ConfirmationRefusedException.Reason;
import dev.roster.application.port.in.recipients.ErasureNotPendingException;
import dev.roster.application.port.in.recipients.SignedRequest;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.recipients.ErasureConfirmationListener;
import dev.roster.application.port.out.recipients.ErasureRecipients;
import dev.roster.application.port.out.recipients.ErasureRequests;
import dev.roster.application.port.out.webhooks.WebhookSignatures;
import dev.roster.application.service.audit.Auditor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Recipients' confirmations: the Standard Webhooks signature (with the tolerance the verifier libraries use, 5
 * minutes either way) decides who is speaking, since there is no bearer token; then the confirmation is recorded on
 * every unconfirmed request of that recipient about that user, and receipts left with no outstanding recipient are
 * reported to the listeners, all in one transaction. A refused request is audited in a transaction of its own.
 */
public final class ErasureConfirmationService implements ConfirmErasureUseCase {
    /** How far {@code webhook-timestamp} may be from now, either way (what the Standard Webhooks libraries accept). */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final int MAX_ID_LENGTH = 256;
    private static final int MAX_COUNTS_TEXT = 2000;

    private final ErasureRecipients recipients;
    private final ErasureRequests requests;
    private final WebhookSignatures signatures;
    private final List<ErasureConfirmationListener> listeners;
    private final TransactionBoundary transactions;
    private final Auditor auditor;
    private final Clock clock;

    public ErasureConfirmationService(ErasureRecipients recipients, ErasureRequests requests, WebhookSignatures signatures,
                                      List<ErasureConfirmationListener> listeners, TransactionBoundary transactions,
                                      Auditor auditor, Clock clock) {
        this.recipients = Objects.requireNonNull(recipients, "recipients");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ErasureRequest confirm(UUID recipientId, SignedRequest request, Function<byte[], ErasureConfirmation> body) {
        Objects.requireNonNull(recipientId, "recipientId");
        Optional<Reason> refusal = refusal(recipientId, request);
        if (refusal.isPresent()) {
            transactions.inTransaction(() -> auditor.record(AuditAction.ERASURE_CONFIRMATION_REFUSED, null,
                    Map.of("recipientId", recipientId.toString(), "reason", refusal.get().wireName())));
            throw new ConfirmationRefusedException(refusal.get());
        }
        ErasureConfirmation confirmation = body.apply(request.body());
        return transactions.inTransaction(() -> {
            List<ErasureRequest> asked = requests.of(recipientId, confirmation.userId());
            if (asked.isEmpty()) {
                throw new ErasureNotPendingException();
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Set<UUID> confirmedReceipts = new LinkedHashSet<>();
            for (ErasureRequest open : asked) {
                // a confirmation racing this one may have come first: then it stands, and this one records nothing
                if (!open.confirmed() && requests.confirm(open.confirm(confirmation, now))) {
                    confirmedReceipts.add(open.receiptId());
                    auditor.record(AuditAction.ERASURE_CONFIRMED, confirmation.userId(), details(recipientId, open, confirmation));
                }
            }
            ErasureRequesting.reportCompleted(requests, listeners, confirmedReceipts);
            List<ErasureRequest> recorded = requests.of(recipientId, confirmation.userId());
            return recorded.get(recorded.size() - 1);
        });
    }

    /** Why the request is not this recipient's, or empty when its signature holds. */
    private Optional<Reason> refusal(UUID recipientId, SignedRequest request) {
        if (request.id().isEmpty() || request.timestamp().isEmpty() || request.signature().isEmpty()) {
            return Optional.of(Reason.MISSING_HEADERS);
        }
        String id = request.id().get();
        long timestamp;
        try {
            timestamp = Long.parseLong(request.timestamp().get().strip());
        } catch (NumberFormatException e) {
            return Optional.of(Reason.MALFORMED_HEADERS);
        }
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.of(Reason.MALFORMED_HEADERS);
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > TOLERANCE.toSeconds()) {
            return Optional.of(Reason.STALE_TIMESTAMP);
        }
        Optional<ErasureRecipient> recipient = transactions.readOnly(() -> recipients.find(recipientId));
        if (recipient.isEmpty()) {
            return Optional.of(Reason.UNKNOWN_RECIPIENT);
        }
        boolean verifies = signatures.verifies(id, timestamp, request.body(), request.signature().get(),
                recipient.get().secrets().valid(clock.instant()));
        return verifies ? Optional.empty() : Optional.of(Reason.BAD_SIGNATURE);
    }

    /** The recipient, the receipt and the counts as kind=count pairs (kinds are checked short names, never free text). */
    private static Map<String, String> details(UUID recipientId, ErasureRequest request, ErasureConfirmation confirmation) {
        StringBuilder counts = new StringBuilder();
        confirmation.counts().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                counts.append(counts.length() == 0 ? "" : ",").append(entry.getKey()).append('=').append(entry.getValue()));
        Map<String, String> details = new TreeMap<>(Map.of("recipientId", recipientId.toString(),
                "receipt", request.receiptId().toString(), "kinds", Integer.toString(confirmation.counts().size())));
        if (counts.length() <= MAX_COUNTS_TEXT) { // the trail's details hold 4000 characters in all
            details.put("counts", counts.toString());
        }
        return details;
    }
}
