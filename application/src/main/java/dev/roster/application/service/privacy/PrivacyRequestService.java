package dev.roster.application.service.privacy;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.erasure.DataPackage;
import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.privacy.InvalidPrivacyRequestException;
import dev.roster.application.model.privacy.PrivacyRequest;
import dev.roster.application.model.privacy.PrivacyRequestCounts;
import dev.roster.application.model.privacy.PrivacyRequestCursor;
import dev.roster.application.model.privacy.PrivacyRequestStateException;
import dev.roster.application.model.privacy.PrivacyRequestType;
import dev.roster.application.model.privacy.StoredDataPackage;
import dev.roster.application.port.in.erasure.AnonymizeUserUseCase;
import dev.roster.application.port.in.erasure.ExportDataPackageUseCase;
import dev.roster.application.port.in.erasure.LegalHoldException;
import dev.roster.application.port.in.privacy.CompleteErasureRequestUseCase;
import dev.roster.application.port.in.privacy.CompletePrivacyRequestUseCase;
import dev.roster.application.port.in.privacy.CountPrivacyRequestsUseCase;
import dev.roster.application.port.in.privacy.DownloadRequestPackageUseCase;
import dev.roster.application.port.in.privacy.ExtendPrivacyRequestUseCase;
import dev.roster.application.port.in.privacy.FileOwnPrivacyRequestUseCase;
import dev.roster.application.port.in.privacy.FilePrivacyRequestCommand;
import dev.roster.application.port.in.privacy.FilePrivacyRequestUseCase;
import dev.roster.application.port.in.privacy.GetPrivacyRequestUseCase;
import dev.roster.application.port.in.privacy.ListPrivacyRequestsQuery;
import dev.roster.application.port.in.privacy.ListPrivacyRequestsUseCase;
import dev.roster.application.port.in.privacy.PrivacyRequestNotFoundException;
import dev.roster.application.port.in.privacy.PrivacyRequestPage;
import dev.roster.application.port.in.privacy.RefusePrivacyRequestUseCase;
import dev.roster.application.port.in.privacy.RequestPackageNotFoundException;
import dev.roster.application.port.in.recipients.RecipientStatusesUseCase;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.LegalHoldRepository;
import dev.roster.application.port.out.privacy.DataPackageEncoder;
import dev.roster.application.port.out.privacy.PrivacyMetrics;
import dev.roster.application.port.out.privacy.PrivacyRequests;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.audit.Auditor;
import dev.roster.application.service.common.LegalHoldGuard;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Privacy requests (SPEC §8): filing (by staff or by the person), extension, fulfilment by type, refusal, the queue and
 * the data packages attached to them. Each step is one transaction that audits it and publishes a
 * {@code privacy_request.*} change event; both carry ids, types and statuses only, never the texts people wrote.
 * Fulfilment reuses the erasure room: the data package ({@link ExportDataPackageUseCase}, produced before the request's
 * transaction, audited and rate-limited as any package) and the erasure ({@link AnonymizeUserUseCase}, inside it).
 */
public final class PrivacyRequestService implements FilePrivacyRequestUseCase, FileOwnPrivacyRequestUseCase,
        ExtendPrivacyRequestUseCase, CompletePrivacyRequestUseCase, CompleteErasureRequestUseCase, RefusePrivacyRequestUseCase,
        GetPrivacyRequestUseCase, ListPrivacyRequestsUseCase, DownloadRequestPackageUseCase, CountPrivacyRequestsUseCase {
    private static final String LEGAL_HOLD = "legal-hold";

    private final PrivacyRequests requests;
    private final UserRepository users;
    private final LegalHoldRepository holds;
    private final ExportDataPackageUseCase dataPackages;
    private final DataPackageEncoder encoder;
    private final AnonymizeUserUseCase erasure;
    private final RecipientStatusesUseCase recipients;
    private final PrivacyMetrics metrics;
    private final TransactionBoundary transactions;
    private final Auditor auditor;
    private final Clock clock;
    private final ZoneId zone;

    public PrivacyRequestService(PrivacyRequests requests, UserRepository users, LegalHoldRepository holds,
                                 ExportDataPackageUseCase dataPackages, DataPackageEncoder encoder, AnonymizeUserUseCase erasure,
                                 RecipientStatusesUseCase recipients, PrivacyMetrics metrics, TransactionBoundary transactions,
                                 Auditor auditor, Clock clock, ZoneId zone) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.users = Objects.requireNonNull(users, "users");
        this.holds = Objects.requireNonNull(holds, "holds");
        this.dataPackages = Objects.requireNonNull(dataPackages, "dataPackages");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.erasure = Objects.requireNonNull(erasure, "erasure");
        this.recipients = Objects.requireNonNull(recipients, "recipients");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public PrivacyRequest file(FilePrivacyRequestCommand command) {
        Instant now = now();
        PrivacyRequest request = PrivacyRequest.received(UUID.randomUUID(), command.type(), command.userId(),
                command.receivedAt().orElse(now), command.note(), zone, now, actorId());
        return transactions.inTransaction(() -> {
            if (users.findById(command.userId()).isEmpty()) {
                throw new InvalidPrivacyRequestException("userId", "names no user");
            }
            return received(request, "staff");
        });
    }

    @Override
    public PrivacyRequest fileOwn(UserId self, PrivacyRequestType type, Optional<String> note) {
        Instant now = now();
        PrivacyRequest request = PrivacyRequest.received(UUID.randomUUID(), type, self, now, note, zone, now, actorId());
        return transactions.inTransaction(() -> {
            users.findById(self).orElseThrow(() -> new UserNotFoundException(self));
            Optional<UUID> open = requests.findOpen(self, type);
            if (open.isPresent()) {
                throw new PrivacyRequestStateException("You have an open " + type + " request already (" + open.get()
                        + "); it is answered by its due date.");
            }
            return received(request, "self-service");
        });
    }

    private PrivacyRequest received(PrivacyRequest request, String via) {
        requests.add(request);
        auditor.record(AuditAction.PRIVACY_REQUEST_RECEIVED, request.userId(), details(request, Map.of("via", via)));
        publish(ChangeType.PRIVACY_REQUEST_RECEIVED, request, Map.of("dueAt", request.dueAt().toString()));
        return request;
    }

    @Override
    public PrivacyRequest extend(UUID id, String reason, int months) {
        Instant now = now();
        return transactions.inTransaction(() -> {
            PrivacyRequest extended = locked(id).extended(reason, months, zone, now, actorId());
            requests.update(extended);
            auditor.record(AuditAction.PRIVACY_REQUEST_EXTENDED, extended.userId(),
                    details(extended, Map.of("months", Integer.toString(months))));
            publish(ChangeType.PRIVACY_REQUEST_EXTENDED, extended, Map.of("dueAt", extended.dueAt().toString(), "months", months));
            return extended;
        });
    }

    @Override
    public PrivacyRequest refuse(UUID id, String reason) {
        Instant now = now();
        PrivacyRequest refused = transactions.inTransaction(() -> {
            PrivacyRequest closed = locked(id).refused(reason, now, actorId());
            requests.update(closed);
            auditor.record(AuditAction.PRIVACY_REQUEST_REFUSED, closed.userId(), details(closed, Map.of()));
            publish(ChangeType.PRIVACY_REQUEST_REFUSED, closed, Map.of());
            return closed;
        });
        recordClosed(refused, now);
        return refused;
    }

    @Override
    public PrivacyRequest complete(UUID id, Optional<String> note) {
        Optional<String> doneNote = PrivacyRequest.optionalText("note", note, PrivacyRequest.MAX_NOTE_LENGTH);
        PrivacyRequest current = get(id);
        current.requireOpen("completed"); // before producing a package or erasing anything
        PrivacyRequest completed = switch (current.type()) {
            case ACCESS, PORTABILITY -> completeWithPackage(current, doneNote);
            case ERASURE -> completeByErasure(current, doneNote);
            case RESTRICTION -> completeRestriction(current, doneNote);
            case RECTIFICATION, OBJECTION -> closeInTransaction(id, (request, now) -> request.completedWithNote(
                    doneNote.orElse(null), now, actorId()), Map.of());
        };
        recordClosed(completed, completed.outcome().flatMap(PrivacyRequest.Outcome::closedAt).orElse(now()));
        return completed;
    }

    /** The package is produced first, in its own transaction (it links the audit trail first, ADR 0018), then attached. */
    private PrivacyRequest completeWithPackage(PrivacyRequest current, Optional<String> note) {
        DataPackage data;
        try {
            data = dataPackages.export(current.userId());
        } catch (UserNotFoundException e) {
            throw userGone();
        }
        StoredDataPackage stored = new StoredDataPackage(current.id(), current.userId(), data.generatedAt(), encoder.encode(data));
        return closeInTransaction(current.id(), (request, now) -> {
            PrivacyRequest done = request.completedWithPackage(stored.generatedAt(), stored.sizeBytes(), note, now, actorId());
            requests.attachPackage(stored);
            return done;
        }, Map.of("package", "attached"));
    }

    /**
     * The erasure runs inside the request's transaction, so that the request is completed exactly when the user is
     * erased. A legal hold refuses it: the refusal is recorded on the request (committed), then answered with 409.
     */
    private PrivacyRequest completeByErasure(PrivacyRequest current, Optional<String> note) {
        Instant now = now();
        Optional<PrivacyRequest> completed = transactions.inTransaction(() -> {
            PrivacyRequest request = locked(current.id());
            request.requireOpen("completed");
            if (users.findById(request.userId()).isEmpty()) {
                throw userGone();
            }
            if (LegalHoldGuard.isHeld(holds, request.userId())) {
                PrivacyRequest blocked = request.erasureBlocked(LEGAL_HOLD, now, actorId());
                requests.update(blocked);
                auditor.record(AuditAction.PRIVACY_REQUEST_ERASURE_BLOCKED, blocked.userId(),
                        details(blocked, Map.of("reason", LEGAL_HOLD)));
                return Optional.<PrivacyRequest>empty();
            }
            ErasureReceipt receipt = erasure.anonymize(request.userId()); // idempotent: an erased user's receipt
            return Optional.of(erasureCarriedOut(request, receipt, note, now));
        });
        return completed.orElseThrow(() -> new LegalHoldException("complete the erasure request"));
    }

    /**
     * Roster's own erasure for an ERASURE request is done. With no erasure recipient outstanding (none registered, or
     * all confirmed an earlier erasure of this user) the request is completed at once; otherwise it waits IN_PROGRESS
     * ({@link PrivacyRequest#awaitingConfirmations}) and {@link ErasureRequestCompletion} completes it when the last
     * recipient confirms (SPEC §8, ADR 0019).
     */
    private PrivacyRequest erasureCarriedOut(PrivacyRequest request, ErasureReceipt receipt, Optional<String> note, Instant now) {
        if (recipients.statuses(receipt.id()).allConfirmed()) {
            return closeErasure(request, receipt.id(), note, now);
        }
        PrivacyRequest waiting = request.awaitingConfirmations(receipt.id(), note, now, actorId());
        requests.update(waiting);
        auditor.record(AuditAction.PRIVACY_REQUEST_AWAITING_CONFIRMATIONS, waiting.userId(),
                details(waiting, Map.of("receipt", receipt.id().toString())));
        return waiting;
    }

    @Override
    public PrivacyRequest completeErasure(UUID requestId, UUID receiptId) {
        Instant now = now();
        PrivacyRequest completed = transactions.inTransaction(() -> {
            PrivacyRequest request = locked(requestId);
            if (request.type() != PrivacyRequestType.ERASURE) {
                throw new PrivacyRequestStateException("The request is no ERASURE request.");
            }
            return closeErasure(request, receiptId, Optional.empty(), now);
        });
        recordClosed(completed, now);
        return completed;
    }

    private PrivacyRequest closeErasure(PrivacyRequest request, UUID receiptId, Optional<String> note, Instant now) {
        PrivacyRequest done = request.completedErasure(receiptId, note, now, actorId());
        requests.update(done);
        auditor.record(AuditAction.PRIVACY_REQUEST_COMPLETED, done.userId(), details(done, Map.of("receipt", receiptId.toString())));
        publish(ChangeType.PRIVACY_REQUEST_COMPLETED, done, Map.of("receiptId", receiptId.toString()));
        return done;
    }

    private PrivacyRequest completeRestriction(PrivacyRequest current, Optional<String> note) {
        return closeInTransaction(current.id(), (request, now) -> {
            User user = users.findById(request.userId()).orElseThrow(PrivacyRequestService::userGone);
            if (user.changeRestriction(true, now)) { // refused for an anonymized user: 409 invalid-state
                users.update(user);
                auditor.record(AuditAction.USER_RESTRICTED, user.id(), Map.of("requestId", request.id().toString()));
                auditor.publish(ChangeType.USER_RESTRICTED, user, Map.of("requestId", request.id().toString()));
            }
            return request.completedRestriction(note, now, actorId());
        }, Map.of());
    }

    /** One step that closes a request: lock it, apply {@code step} (which may write more), store, audit, publish. */
    private PrivacyRequest closeInTransaction(UUID id, Step step, Map<String, String> auditDetails) {
        Instant now = now();
        return transactions.inTransaction(() -> {
            PrivacyRequest request = locked(id);
            request.requireOpen("completed");
            PrivacyRequest done = step.apply(request, now);
            requests.update(done);
            auditor.record(AuditAction.PRIVACY_REQUEST_COMPLETED, done.userId(), details(done, auditDetails));
            publish(ChangeType.PRIVACY_REQUEST_COMPLETED, done, Map.of());
            return done;
        });
    }

    @FunctionalInterface
    private interface Step {
        PrivacyRequest apply(PrivacyRequest request, Instant now);
    }

    @Override
    public PrivacyRequest get(UUID id) {
        return transactions.readOnly(() -> requests.find(id)).orElseThrow(PrivacyRequestNotFoundException::new);
    }

    @Override
    public PrivacyRequestPage list(ListPrivacyRequestsQuery query) {
        return transactions.readOnly(() -> {
            List<PrivacyRequest> rows = requests.list(query.filter(), query.after(), query.limit() + 1);
            boolean more = rows.size() > query.limit();
            List<PrivacyRequest> page = more ? rows.subList(0, query.limit()) : rows;
            return new PrivacyRequestPage(page, more ? Optional.of(PrivacyRequestCursor.after(page.get(page.size() - 1)))
                    : Optional.empty());
        });
    }

    @Override
    public StoredDataPackage download(UUID requestId, Optional<UserId> owner) {
        return transactions.inTransaction(() -> {
            PrivacyRequest request = requests.find(requestId)
                    .filter(found -> owner.map(found.userId()::equals).orElse(true))
                    .orElseThrow(PrivacyRequestNotFoundException::new);
            StoredDataPackage stored = requests.findPackage(requestId).orElseThrow(RequestPackageNotFoundException::new);
            auditor.record(AuditAction.PRIVACY_REQUEST_PACKAGE_DOWNLOADED, request.userId(), details(request, Map.of()));
            return stored;
        });
    }

    @Override
    public PrivacyRequestCounts count() {
        Instant now = now();
        return transactions.readOnly(() -> requests.count(now));
    }

    private PrivacyRequest locked(UUID id) {
        return requests.lock(id).orElseThrow(PrivacyRequestNotFoundException::new);
    }

    private void recordClosed(PrivacyRequest request, Instant closedAt) {
        if (!request.isOpen()) { // an erasure waiting for confirmations is not closed yet
            metrics.closed(request.type(), request.status(), Duration.between(request.receivedAt(), closedAt));
        }
    }

    private static PrivacyRequestStateException userGone() {
        return new PrivacyRequestStateException("The request's user no longer exists (purged): there is nothing left to "
                + "fulfil it with; refuse it with a reason instead.");
    }

    /** Audit details: ids, the type and the status; never the note or a reason. */
    private static Map<String, String> details(PrivacyRequest request, Map<String, String> extra) {
        Map<String, String> details = new TreeMap<>(extra);
        details.put("requestId", request.id().toString());
        details.put("type", request.type().name());
        details.put("status", request.status().name());
        return details;
    }

    private void publish(ChangeType type, PrivacyRequest request, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", request.id().toString());
        data.put("requestType", request.type().name());
        data.put("status", request.status().name());
        data.putAll(extra);
        auditor.publishAbout(type, request.userId(), data);
    }

    private Optional<UserId> actorId() {
        Actor actor = auditor.currentActor();
        return actor.userId();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
