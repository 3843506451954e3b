package dev.roster.application.service.recipients;

import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.recipients.ErasedReceipt;
import dev.roster.application.model.recipients.ErasureRecipient;
import dev.roster.application.model.recipients.ErasureRequest;
import dev.roster.application.model.webhooks.SigningSecrets;
import dev.roster.application.model.webhooks.WebhookSecret;
import dev.roster.application.port.in.recipients.BackfillErasureRequestsUseCase;
import dev.roster.application.port.in.recipients.CreateRecipientCommand;
import dev.roster.application.port.in.recipients.ManageErasureRecipientsUseCase;
import dev.roster.application.port.in.recipients.RecipientInactiveException;
import dev.roster.application.port.in.recipients.RecipientNotFoundException;
import dev.roster.application.port.in.recipients.RotateRecipientSecretUseCase;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.events.EventSequencer;
import dev.roster.application.port.out.recipients.ErasureConfirmationListener;
import dev.roster.application.port.out.recipients.ErasureRecipients;
import dev.roster.application.port.out.recipients.ErasureRequests;
import dev.roster.application.port.out.webhooks.WebhookDeliveries;
import dev.roster.application.port.out.webhooks.WebhookTargets;
import dev.roster.application.service.audit.Auditor;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Erasure recipients as administrators manage them: register (checked against the webhooks' SSRF rule), list, read,
 * delete, rotate the secret, backfill. Each write is one transaction (a backfill one per batch) and is audited with
 * the recipient's id, never its secret or its URL.
 */
public final class ErasureRecipientService implements ManageErasureRecipientsUseCase, RotateRecipientSecretUseCase,
        BackfillErasureRequestsUseCase {
    /** Receipts asked about per backfill transaction: each holds the sequencer's lock, so it is kept short. */
    static final int BACKFILL_BATCH = 200;

    private final ErasureRecipients recipients;
    private final ErasureRequests requests;
    private final WebhookDeliveries deliveries;
    private final WebhookTargets targets;
    private final EventSequencer sequencer;
    private final List<ErasureConfirmationListener> listeners;
    private final TransactionBoundary transactions;
    private final Auditor auditor;
    private final Clock clock;
    private final SecureRandom random;

    public ErasureRecipientService(ErasureRecipients recipients, ErasureRequests requests, WebhookDeliveries deliveries,
                                   WebhookTargets targets, EventSequencer sequencer,
                                   List<ErasureConfirmationListener> listeners, TransactionBoundary transactions,
                                   Auditor auditor, Clock clock, SecureRandom random) {
        this.recipients = Objects.requireNonNull(recipients, "recipients");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.sequencer = Objects.requireNonNull(sequencer, "sequencer");
        this.listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public ErasureRecipient create(CreateRecipientCommand command) {
        targets.requireAllowed(command.url()); // resolves the host: outside the transaction
        ErasureRecipient recipient = ErasureRecipient.create(UUID.randomUUID(), command.name(), command.url(),
                SigningSecrets.generate(random), now());
        transactions.inTransaction(() -> {
            recipients.add(recipient);
            auditor.record(AuditAction.ERASURE_RECIPIENT_CREATED, null, Map.of("recipientId", recipient.id().toString()));
        });
        return recipient;
    }

    @Override
    public List<ErasureRecipient> list() {
        return transactions.readOnly(recipients::list);
    }

    @Override
    public ErasureRecipient get(UUID id) {
        return transactions.readOnly(() -> recipients.find(id)).orElseThrow(RecipientNotFoundException::new);
    }

    @Override
    public void delete(UUID id) {
        // erasures committed so far are asked of the recipient first, so that what a privacy request saw as pending
        // (RecipientStatusesUseCase lists the active recipients until the requests are made) is withdrawn below
        sequencer.linkPending();
        transactions.inTransaction(() -> {
            requests.holdRequesting();
            if (recipients.find(id).isEmpty()) {
                throw new RecipientNotFoundException();
            }
            Set<UUID> withdrawn = requests.removeOutstanding(id);
            recipients.remove(id);
            auditor.record(AuditAction.ERASURE_RECIPIENT_DELETED, null, Map.of("recipientId", id.toString(),
                    "withdrawnRequests", Integer.toString(withdrawn.size())));
            ErasureRequesting.reportCompleted(requests, listeners, withdrawn);
        });
    }

    @Override
    public ErasureRecipient rotate(UUID id) {
        return transactions.inTransaction(() -> {
            ErasureRecipient current = recipients.find(id).orElseThrow(RecipientNotFoundException::new);
            ErasureRecipient rotated = current.rotated(WebhookSecret.generate(random), now());
            recipients.update(rotated);
            auditor.record(AuditAction.ERASURE_RECIPIENT_SECRET_ROTATED, null, Map.of("recipientId", id.toString()));
            return rotated;
        });
    }

    @Override
    public Backfill backfill(UUID recipientId, Instant since) {
        Objects.requireNonNull(since, "since");
        long requested = 0;
        long retried = transactions.inTransaction(() -> {
            ErasureRecipient recipient = activeRecipient(recipientId);
            requests.holdRequesting();
            Instant now = now();
            List<ErasureRequest> failed = requests.failedSince(recipientId, since);
            for (ErasureRequest request : failed) {
                deliveries.find(recipientId, request.deliveryId())
                        .ifPresent(delivery -> deliveries.update(delivery.retryNow(now)));
            }
            if (!failed.isEmpty()) {
                auditBackfill(recipient, since, 0, failed.size());
            }
            return (long) failed.size();
        });
        while (true) {
            int[] batch = transactions.inTransaction(() -> {
                ErasureRecipient recipient = activeRecipient(recipientId);
                requests.holdRequesting();
                Instant now = now();
                List<ErasedReceipt> unrequested = requests.unrequested(recipientId, since, BACKFILL_BATCH);
                int made = 0;
                for (ErasedReceipt erased : unrequested) {
                    if (ErasureRequesting.request(requests, deliveries, erased, recipient, now)) {
                        made++;
                    }
                }
                if (made > 0) {
                    auditBackfill(recipient, since, made, 0);
                }
                return new int[] {unrequested.size(), made};
            });
            requested += batch[1];
            if (batch[0] < BACKFILL_BATCH) {
                return new Backfill(requested, retried);
            }
        }
    }

    private ErasureRecipient activeRecipient(UUID id) {
        ErasureRecipient recipient = recipients.find(id).orElseThrow(RecipientNotFoundException::new);
        if (!recipient.active()) {
            throw new RecipientInactiveException();
        }
        return recipient;
    }

    private void auditBackfill(ErasureRecipient recipient, Instant since, int requested, int retried) {
        auditor.record(AuditAction.ERASURE_RECIPIENT_BACKFILLED, null, Map.of("recipientId", recipient.id().toString(),
                "since", since.toString(), "requested", Integer.toString(requested), "retried", Integer.toString(retried)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
