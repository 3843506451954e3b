package dev.roster.application.service.erasure;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.port.in.erasure.AnonymizeUserUseCase;
import dev.roster.application.port.in.erasure.ErasurePreview;
import dev.roster.application.model.erasure.LegalHoldView;
import dev.roster.application.port.in.erasure.GetErasureReceiptUseCase;
import dev.roster.application.port.in.erasure.GetLegalHoldUseCase;
import dev.roster.application.port.in.erasure.GetUserErasureReceiptUseCase;
import dev.roster.application.port.in.erasure.LiftLegalHoldUseCase;
import dev.roster.application.port.in.erasure.PlaceLegalHoldUseCase;
import dev.roster.application.port.in.erasure.PreviewErasureUseCase;
import dev.roster.application.port.in.erasure.ReceiptNotFoundException;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.ErasureReceiptRepository;
import dev.roster.application.port.out.erasure.LegalHold;
import dev.roster.application.port.out.erasure.LegalHoldRepository;
import dev.roster.application.port.out.lifecycle.FileRepository;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.audit.Auditor;
import dev.roster.application.service.common.AdminGuard;
import dev.roster.application.service.common.LegalHoldGuard;
import dev.roster.application.service.common.VersionPrecondition;
import dev.roster.domain.user.ErasedFields;
import dev.roster.domain.user.PersonalData;
import dev.roster.domain.user.PersonalDataField;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;
import dev.roster.domain.user.UserStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * GDPR erasure: the preview, the anonymization itself with its receipt, and legal holds that block it. Everything
 * erasure touches is derived from the personal-data catalogue ({@link PersonalDataField}).
 */
public final class ErasureService implements PreviewErasureUseCase, AnonymizeUserUseCase, GetErasureReceiptUseCase,
        GetUserErasureReceiptUseCase, PlaceLegalHoldUseCase, LiftLegalHoldUseCase, GetLegalHoldUseCase {
    private static final List<ErasurePreview.Kept> KEPT = List.of(
            new ErasurePreview.Kept("id", "identifies the erased account in receipts and audit events; not personal on its own"),
            new ErasurePreview.Kept("roles, status and timestamps", "needed to prove what happened and when; not personal once the fields above are erased"),
            new ErasurePreview.Kept("audit events", "the tamper-evident record, of the erasure itself too: field names, counts, ids; the client addresses of the user's own requests are cleared by the erasure (the hash chain keeps only a salted commitment to each)"),
            new ErasurePreview.Kept("erasure receipt", "the proof that the erasure was done; holds no personal data"));

    private final UserRepository users;
    private final FileRepository files;
    private final ErasureReceiptRepository receipts;
    private final LegalHoldRepository holds;
    private final RateLimiter rateLimiter;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Auditor auditor;

    public ErasureService(UserRepository users, FileRepository files, ErasureReceiptRepository receipts,
                          LegalHoldRepository holds, RateLimiter rateLimiter, TransactionBoundary transactions,
                          Clock clock, Auditor auditor) {
        this.users = Objects.requireNonNull(users, "users");
        this.files = Objects.requireNonNull(files, "files");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.holds = Objects.requireNonNull(holds, "holds");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public ErasurePreview preview(UserId id) {
        return transactions.readOnly(() -> {
            User user = load(id);
            List<ErasurePreview.Field> erases = PersonalData.presentIn(user.snapshot()).stream()
                    .map(field -> new ErasurePreview.Field(field.fieldName(), field.erasure().name(), field.purpose()))
                    .toList();
            return new ErasurePreview(id, erases, Map.of("files", files.countByOwner(id)), KEPT,
                    LegalHoldGuard.isHeld(holds, id));
        });
    }

    @Override
    public ErasureReceipt anonymize(UserId id, OptionalLong expectedVersion) {
        Actor actor = auditor.currentActor();
        rateLimiter.acquire(RateLimitedAction.ANONYMIZE, actor);
        return transactions.inTransaction(() -> {
            AdminGuard admins = AdminGuard.lock(users);
            User user = load(id);
            VersionPrecondition.require(user, expectedVersion);
            if (user.status() == UserStatus.ANONYMIZED) {
                return receipts.findByUser(id).orElseThrow(() ->
                        new IllegalStateException("user " + id + " is anonymized but has no receipt"));
            }
            LegalHoldGuard.refuseIfHeld(holds, id, "anonymize");
            admins.refuseLosingTheLast(user, "anonymize");
            return erase(user, actor, "request");
        });
    }

    /**
     * One retention batch: users DELETED for longer than {@code retention}, locked with SKIP LOCKED so that
     * concurrent runs split the work; held users are skipped (they stay deleted until the hold is lifted).
     */
    public int eraseExpiredBatch(Duration retention, int batchSize) {
        return transactions.inTransaction(() -> {
            Instant cutoff = clock.instant().minus(retention);
            int erased = 0;
            for (UserId id : users.lockDeletedBefore(cutoff, batchSize)) {
                if (LegalHoldGuard.isHeld(holds, id)) {
                    continue;
                }
                erase(load(id), Actor.system(), "retention");
                erased++;
            }
            return erased;
        });
    }

    /**
     * The erasure itself, inside the caller's transaction: fields, files, receipt, audit and change event, and the
     * client addresses the user left in the audit trail. Every erasure (request, self-erasure, retention) runs it.
     */
    private ErasureReceipt erase(User user, Actor actor, String reason) {
        UserId id = user.id();
        UUID receiptId = UUID.randomUUID();
        ErasedFields erased = user.anonymize(clock.instant());
        user.recordErasureReceipt(receiptId); // the user resource names its receipt
        users.update(user);
        long removedFiles = files.deleteAllOf(id);
        ErasureReceipt receipt = new ErasureReceipt(receiptId, id, actor.userId(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), erased.names(), Map.of("files", removedFiles));
        receipts.add(receipt);
        auditor.record(actor, AuditAction.USER_ANONYMIZED, id, Map.of("fields", String.join(",", erased.names()),
                "files", Long.toString(removedFiles), "receipt", receipt.id().toString(), "reason", reason));
        auditor.publish(ChangeType.USER_ANONYMIZED, user, Map.of("receiptId", receipt.id().toString(), "reason", reason));
        // last: the user's addresses go, that of this very event included when the user erases itself (ADR 0022)
        auditor.clearClientAddressesOf(id);
        return receipt;
    }

    @Override
    public ErasureReceipt receipt(UUID id) {
        return transactions.readOnly(() -> receipts.findById(id)).orElseThrow(ReceiptNotFoundException::new);
    }

    @Override
    public Optional<ErasureReceipt> receiptOf(UserId id) {
        return transactions.readOnly(() -> {
            load(id);
            return receipts.findByUser(id);
        });
    }

    @Override
    public Optional<LegalHoldView> legalHold(UserId id) {
        return transactions.readOnly(() -> {
            load(id);
            return holds.find(id).map(hold -> new LegalHoldView(hold.userId(), hold.reason(), hold.placedAt(), hold.placedBy()));
        });
    }

    @Override
    public void placeLegalHold(UserId id, String reason) {
        Actor actor = auditor.currentActor();
        LegalHold hold = new LegalHold(id, reason, clock.instant().truncatedTo(ChronoUnit.MICROS), actor.userId());
        transactions.inTransaction(() -> {
            User user = load(id);
            // refused for an anonymized user: nothing personal is left to preserve, a hold would only block the purge
            if (user.changeLegalHold(true, clock.instant())) {
                users.update(user); // the user resource shows the hold
            }
            holds.put(hold);
            auditor.record(AuditAction.LEGAL_HOLD_PLACED, id, Map.of()); // the reason is free text: kept out of the trail
            auditor.publish(ChangeType.USER_LEGAL_HOLD_PLACED, user);
        });
    }

    @Override
    public void liftLegalHold(UserId id) {
        transactions.inTransaction(() -> {
            User user = load(id);
            if (user.changeLegalHold(false, clock.instant())) {
                users.update(user);
            }
            if (holds.remove(id)) {
                auditor.record(AuditAction.LEGAL_HOLD_LIFTED, id, Map.of());
                auditor.publish(ChangeType.USER_LEGAL_HOLD_LIFTED, user);
            }
        });
    }

    private User load(UserId id) {
        return users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
    }
}
