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
import dev.roster.application.port.in.erasure.ReapplyErasureUseCase;
import dev.roster.application.port.in.erasure.ReapplyOutcome;
import dev.roster.application.port.in.erasure.ReceiptNotFoundException;
import dev.roster.application.port.in.privacy.RecordErasuresUseCase;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.ErasureReceiptRepository;
import dev.roster.application.port.out.erasure.LegalHold;
import dev.roster.application.port.out.erasure.LegalHoldRepository;
import dev.roster.application.port.out.erasure.StoredDataPackages;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * GDPR erasure: the preview, the anonymization itself with its receipt, legal holds that block it, and the erasure
 * again of a user the erasure ledger lists but a restored backup brought back. Everything erasure touches is derived
 * from the personal-data catalogue ({@link PersonalDataField}). Each erasure is recorded in the erasure ledger right
 * after its transaction commits (ADR 0021).
 */
public final class ErasureService implements PreviewErasureUseCase, AnonymizeUserUseCase, GetErasureReceiptUseCase,
        GetUserErasureReceiptUseCase, PlaceLegalHoldUseCase, LiftLegalHoldUseCase, GetLegalHoldUseCase,
        ReapplyErasureUseCase {
    private static final List<ErasurePreview.Kept> KEPT = List.of(
            new ErasurePreview.Kept("id", "identifies the erased account in receipts and audit events; not personal on its own"),
            new ErasurePreview.Kept("roles, status and timestamps", "needed to prove what happened and when; not personal once the fields above are erased"),
            new ErasurePreview.Kept("audit events", "the tamper-evident record, of the erasure itself too: field names, counts, ids; the client addresses of the user's own requests are cleared by the erasure (the hash chain keeps only a salted commitment to each)"),
            new ErasurePreview.Kept("erasure receipt", "the proof that the erasure was done; holds no personal data"),
            new ErasurePreview.Kept("privacy requests", "the record of what was asked and done, and when (GDPR Art. 5(2)); "
                    + "the data packages attached to them are removed"));

    private final UserRepository users;
    private final FileRepository files;
    private final StoredDataPackages packages;
    private final ErasureReceiptRepository receipts;
    private final LegalHoldRepository holds;
    private final RateLimiter rateLimiter;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Auditor auditor;
    private final RecordErasuresUseCase ledger;

    public ErasureService(UserRepository users, FileRepository files, StoredDataPackages packages,
                          ErasureReceiptRepository receipts, LegalHoldRepository holds, RateLimiter rateLimiter,
                          TransactionBoundary transactions, Clock clock, Auditor auditor, RecordErasuresUseCase ledger) {
        this.users = Objects.requireNonNull(users, "users");
        this.files = Objects.requireNonNull(files, "files");
        this.packages = Objects.requireNonNull(packages, "packages");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.holds = Objects.requireNonNull(holds, "holds");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public ErasurePreview preview(UserId id) {
        return transactions.readOnly(() -> {
            User user = load(id);
            List<ErasurePreview.Field> erases = PersonalData.presentIn(user.snapshot()).stream()
                    .map(field -> new ErasurePreview.Field(field.fieldName(), field.erasure().name(), field.purpose()))
                    .toList();
            return new ErasurePreview(id, erases, Map.of("files", files.countByOwner(id), "dataPackages", packages.countOf(id)), KEPT,
                    LegalHoldGuard.isHeld(holds, id));
        });
    }

    @Override
    public ErasureReceipt anonymize(UserId id, OptionalLong expectedVersion) {
        Actor actor = auditor.currentActor();
        rateLimiter.acquire(RateLimitedAction.ANONYMIZE, actor);
        ErasureReceipt receipt = transactions.inTransaction(() -> {
            AdminGuard admins = AdminGuard.lock(users);
            User user = load(id);
            VersionPrecondition.require(user, expectedVersion);
            if (user.status() == UserStatus.ANONYMIZED) {
                return receipts.findByUser(id).orElseThrow(() ->
                        new IllegalStateException("user " + id + " is anonymized but has no receipt"));
            }
            LegalHoldGuard.refuseIfHeld(holds, id, "anonymize");
            admins.refuseLosingTheLast(user, "anonymize");
            return erase(user, actor, AuditAction.USER_ANONYMIZED, "request", Map.of());
        });
        ledger.recordCommitted(); // in the ledger, on disk, before the caller hears of it (a repeat finds nothing new)
        return receipt;
    }

    /**
     * One retention batch: users DELETED for longer than {@code retention}, locked with SKIP LOCKED so that
     * concurrent runs split the work; held users are skipped (they stay deleted until the hold is lifted).
     */
    public int eraseExpiredBatch(Duration retention, int batchSize) {
        int erasedInBatch = transactions.inTransaction(() -> {
            Instant cutoff = clock.instant().minus(retention);
            int erased = 0;
            for (UserId id : users.lockDeletedBefore(cutoff, batchSize)) {
                if (LegalHoldGuard.isHeld(holds, id)) {
                    continue;
                }
                erase(load(id), Actor.system(), AuditAction.USER_ANONYMIZED, "retention", Map.of());
                erased++;
            }
            return erased;
        });
        if (erasedInBatch > 0) {
            ledger.recordCommitted();
        }
        return erasedInBatch;
    }

    /**
     * The replay of a ledger entry (ADR 0021). Takes the administrators' lock first, like every erasure, which also
     * serialises concurrent replays of one user (on several instances): the second finds the user erased. The caller
     * records the new erasures in the ledger once it has replayed every entry.
     */
    @Override
    public ReapplyOutcome reapply(UserId id, UUID ledgerReceipt) {
        Objects.requireNonNull(ledgerReceipt, "ledgerReceipt");
        Actor actor = auditor.currentActor();
        return transactions.inTransaction(() -> {
            AdminGuard.lock(users); // taken, never refused: the erasure happened once and stands
            Optional<User> found = users.findById(id);
            if (found.isEmpty()) {
                return ReapplyOutcome.notFound();
            }
            User user = found.get();
            if (user.status() == UserStatus.ANONYMIZED) {
                return ReapplyOutcome.alreadyErased();
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("ledgerReceipt", ledgerReceipt.toString());
            // a hold restored with the user (or placed since) cannot stand against an erasure that already happened
            boolean holdLifted = holds.remove(id) | user.changeLegalHold(false, clock.instant());
            if (holdLifted) {
                auditor.record(actor, AuditAction.LEGAL_HOLD_LIFTED, id, Map.of("reason", "erasure_replayed"));
                auditor.publish(ChangeType.USER_LEGAL_HOLD_LIFTED, user);
                details.put("legalHold", "lifted");
            }
            // a partial restore can bring the user back beside the receipt of its erasure: the new receipt replaces it
            receipts.findByUser(id).ifPresent(stale -> {
                receipts.removeOfUser(id);
                details.put("replacedReceipt", stale.id().toString());
            });
            ErasureReceipt receipt = erase(user, actor, AuditAction.USER_ERASURE_REPLAYED, "replay", details);
            return ReapplyOutcome.reapplied(receipt, holdLifted);
        });
    }

    /**
     * The erasure itself, inside the caller's transaction: fields, files, stored data packages, receipt, the audit event
     * ({@code action}, with {@code extraDetails}), the {@code user.anonymized} change event, and the client addresses
     * the user left in the audit trail. Every erasure (request, self-erasure, retention, ledger replay) runs it.
     */
    private ErasureReceipt erase(User user, Actor actor, AuditAction action, String reason, Map<String, String> extraDetails) {
        UserId id = user.id();
        UUID receiptId = UUID.randomUUID();
        ErasedFields erased = user.anonymize(clock.instant());
        user.recordErasureReceipt(receiptId); // the user resource names its receipt
        users.update(user);
        long removedFiles = files.deleteAllOf(id);
        long removedPackages = packages.deleteAllOf(id); // copies attached to access and portability requests
        ErasureReceipt receipt = new ErasureReceipt(receiptId, id, actor.userId(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), erased.names(),
                Map.of("files", removedFiles, "dataPackages", removedPackages));
        receipts.add(receipt);
        Map<String, String> details = new LinkedHashMap<>(extraDetails);
        details.putAll(Map.of("fields", String.join(",", erased.names()), "files", Long.toString(removedFiles),
                "dataPackages", Long.toString(removedPackages), "receipt", receipt.id().toString(), "reason", reason));
        auditor.record(actor, action, id, details);
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
