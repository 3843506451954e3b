package dev.roster.application.service.erasure;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditFilter;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.model.users.UserView;
import dev.roster.application.model.erasure.DataPackage;
import dev.roster.application.port.in.erasure.ExportDataPackageUseCase;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;
import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.application.port.out.events.EventSequencer;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.lifecycle.FileRepository;
import dev.roster.application.port.out.users.UserQueries;
import dev.roster.application.service.audit.Auditor;
import dev.roster.domain.user.OwnedFile;
import dev.roster.domain.user.PersonalData;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Builds data packages (GDPR Art. 15/20) from the personal-data catalogue, the files and the audit trail. */
public final class DataPackageService implements ExportDataPackageUseCase {
    private static final int AUDIT_PAGE = 500;

    private final UserQueries queries;
    private final FileRepository files;
    private final AuditLog auditLog;
    private final EventSequencer sequencer;
    private final RateLimiter rateLimiter;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Auditor auditor;
    private final int retentionDays;
    private final Duration clientAddressRetention;

    public DataPackageService(UserQueries queries, FileRepository files, AuditLog auditLog, EventSequencer sequencer,
                              RateLimiter rateLimiter,
                              TransactionBoundary transactions, Clock clock, Auditor auditor, int retentionDays,
                              Duration clientAddressRetention) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.files = Objects.requireNonNull(files, "files");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.sequencer = Objects.requireNonNull(sequencer, "sequencer");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.retentionDays = retentionDays;
        this.clientAddressRetention = Objects.requireNonNull(clientAddressRetention, "clientAddressRetention");
    }

    @Override
    public DataPackage export(UserId id) {
        Actor actor = auditor.currentActor();
        rateLimiter.acquire(RateLimitedAction.EXPORT, actor);
        sequencer.linkPending(); // the package lists every audit event about the user committed so far
        return transactions.inTransaction(() -> {
            UserView profile = queries.findById(id).orElseThrow(() -> new UserNotFoundException(id));
            List<OwnedFile> owned = files.findByOwner(id);
            List<StoredAuditEvent> events = eventsAbout(id);
            auditor.record(AuditAction.DATA_EXPORTED, id, Map.of("files", Integer.toString(owned.size()),
                    "auditEvents", Integer.toString(events.size())));
            List<DataPackage.Purpose> purposes = PersonalData.catalogue().stream()
                    .map(field -> new DataPackage.Purpose(field.fieldName(), field.purpose())).toList();
            return new DataPackage(clock.instant(), profile, owned, events, purposes, retentionStatement());
        });
    }

    private List<StoredAuditEvent> eventsAbout(UserId id) {
        AuditFilter aboutUser = new AuditFilter(Optional.of(id), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        List<StoredAuditEvent> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<StoredAuditEvent> page = auditLog.find(aboutUser, after, AUDIT_PAGE);
            all.addAll(page);
            if (page.size() < AUDIT_PAGE) {
                return all;
            }
            after = page.get(page.size() - 1).sequence();
        }
    }

    private String retentionStatement() {
        return "Account data is kept while the account exists. A deleted account can be restored for " + retentionDays
                + " days; after that its personal data is erased automatically (unless a legal hold applies) and an "
                + "erasure receipt is kept. Audit events are kept as the record of what happened to the account; the "
                + "only personal data in them is the client (IP) address of each request the person made, which is "
                + "cleared " + describe(clientAddressRetention) + " after the request, or at once when the account is erased.";
    }

    private static String describe(Duration duration) {
        if (duration.getNano() == 0 && duration.getSeconds() % 86_400 == 0) {
            return duration.toDays() == 1 ? "1 day" : duration.toDays() + " days";
        }
        return duration.toString();
    }
}
