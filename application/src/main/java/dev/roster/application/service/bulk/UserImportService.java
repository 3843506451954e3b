package dev.roster.application.service.bulk;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.port.in.bulk.ImportAbortedException;
import dev.roster.application.port.in.bulk.ImportError;
import dev.roster.application.port.in.bulk.ImportInputException;
import dev.roster.application.port.in.bulk.ImportOptions;
import dev.roster.application.port.in.bulk.ImportReport;
import dev.roster.application.port.in.bulk.ImportRow;
import dev.roster.application.port.in.bulk.ImportUsersUseCase;
import dev.roster.application.port.in.bulk.ImportedUser;
import dev.roster.application.port.out.access.PasswordHasher;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.stats.StatisticsInvalidation;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.audit.Auditor;
import dev.roster.application.service.common.Retry;
import dev.roster.domain.user.AttributeChanges;
import dev.roster.domain.user.Change;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.EmailAlreadyTakenException;
import dev.roster.domain.user.InvalidUserDataException;
import dev.roster.domain.user.ProfileChange;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserStatus;
import dev.roster.domain.user.UserVersionConflictException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Imports users batch by batch: each batch is one transaction that checks which emails are taken with one query,
 * inserts its new users with one multi-row insert per table, updates conflicting users one by one when asked to, and
 * records one audit event (counts only). A dry run wraps all batches in one transaction and rolls it back.
 */
public final class UserImportService implements ImportUsersUseCase {
    /** Attempts for a batch that lost a race (another writer took one of its emails between the check and the insert). */

    private final UserRepository users;
    private final TransactionBoundary transactions;
    private final PasswordHasher hasher;
    private final RateLimiter rateLimiter;
    private final Auditor auditor;
    private final StatisticsInvalidation statistics;
    private final Clock clock;
    private final RandomGenerator random;
    private final int batchSize;
    private final int maxErrors;

    public UserImportService(UserRepository users, TransactionBoundary transactions, PasswordHasher hasher,
                             RateLimiter rateLimiter, Auditor auditor, StatisticsInvalidation statistics, Clock clock,
                             RandomGenerator random, int batchSize, int maxErrors) {
        this.users = Objects.requireNonNull(users, "users");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        if (batchSize < 1 || maxErrors < 0) {
            throw new IllegalArgumentException("batchSize must be positive and maxErrors not negative");
        }
        this.batchSize = batchSize;
        this.maxErrors = maxErrors;
    }

    @Override
    public ImportReport importUsers(ImportOptions options, Iterator<ImportRow> rows) {
        Actor actor = auditor.currentActor();
        rateLimiter.acquire(RateLimitedAction.IMPORT, actor);
        Run run = new Run(options, actor, new UUID(random.nextLong(), random.nextLong()).toString());
        try {
            if (options.dryRun()) {
                try {
                    transactions.inTransaction(() -> {
                        run.all(rows);
                        throw new DryRunRollback();
                    });
                } catch (DryRunRollback expected) {
                    // everything the dry run wrote is gone; the report stays
                }
                transactions.inTransaction(() -> run.audit(run.total, "all"));
            } else {
                run.all(rows);
            }
        } catch (ImportInputException unreadable) {
            throw new ImportAbortedException(run.total.report(options.dryRun()), unreadable);
        } finally {
            if (!options.dryRun() && run.total.created + run.total.updated > 0) {
                statistics.signupsChanged();
            }
        }
        return run.total.report(options.dryRun());
    }

    /** One import: its options, its running totals, and the batches it applies. */
    private final class Run {
        private final ImportOptions options;
        private final Actor actor;
        private final String importId;
        private final Tally total = new Tally();
        private int batches;

        Run(ImportOptions options, Actor actor, String importId) {
            this.options = options;
            this.actor = actor;
            this.importId = importId;
        }

        void all(Iterator<ImportRow> rows) {
            List<ImportRow> batch = new ArrayList<>(batchSize);
            try {
                while (rows.hasNext()) {
                    batch.add(rows.next());
                    if (batch.size() == batchSize) {
                        batch(batch);
                        batch.clear();
                    }
                }
            } catch (ImportInputException unreadable) {
                // the rows read before the input broke are whole and valid input: they are applied, then it stops
                if (!batch.isEmpty()) {
                    batch(batch);
                }
                throw unreadable;
            }
            if (!batch.isEmpty()) {
                batch(batch);
            }
        }

        private void batch(List<ImportRow> rows) {
            batches++;
            // another writer took an email or changed a user between this batch's reads and its writes
            Tally applied = Retry.whenLostRace(failure -> !options.dryRun() && (failure instanceof EmailAlreadyTakenException
                    || failure instanceof UserVersionConflictException), () -> transactions.inTransaction(() -> {
                Tally tally = new Batch(options.onConflict()).apply(rows);
                if (!options.dryRun()) {
                    audit(tally, rows.get(0).line() + "-" + rows.get(rows.size() - 1).line());
                }
                return tally;
            }));
            total.add(applied);
        }

        Void audit(Tally tally, String lines) {
            auditor.record(actor, AuditAction.USERS_IMPORTED, null, Map.of(
                    "import", importId, "batch", options.dryRun() ? "dry-run" : Integer.toString(batches), "lines", lines,
                    "onConflict", options.onConflict().name().toLowerCase(java.util.Locale.ROOT),
                    "created", Long.toString(tally.created), "updated", Long.toString(tally.updated),
                    "skipped", Long.toString(tally.skipped), "failed", Long.toString(tally.failed)));
            return null;
        }
    }

    /** One batch's rows, applied in file order inside its transaction. */
    private final class Batch {
        private final ImportOptions.OnConflict onConflict;
        private final Tally tally = new Tally();
        private final List<User> pending = new ArrayList<>();
        /** canonical email → line, for the users this batch creates */
        private final Map<String, Long> createdHere = new HashMap<>();
        private final Instant now = clock.instant();

        Batch(ImportOptions.OnConflict onConflict) {
            this.onConflict = onConflict;
        }

        Tally apply(List<ImportRow> rows) {
            List<Email> emails = new ArrayList<>(rows.size());
            for (ImportRow row : rows) {
                row.user().ifPresent(user -> emails.add(user.email()));
            }
            Set<String> taken = emails.isEmpty() ? Set.of() : users.takenEmails(emails);
            for (ImportRow row : rows) {
                tally.processed++;
                if (row.user().isEmpty()) {
                    tally.fail(row.errors());
                    continue;
                }
                try {
                    apply(row.line(), row.user().get(), taken);
                } catch (InvalidUserDataException rejected) {
                    tally.fail(List.of(new ImportError(row.line(), rejected.field(), rejected.getMessage())));
                }
            }
            flush();
            return tally;
        }

        private void apply(long line, ImportedUser row, Set<String> taken) {
            List<ImportError> problems = check(line, row);
            if (!problems.isEmpty()) {
                tally.fail(problems);
                return;
            }
            String key = row.email().canonical();
            Long earlier = createdHere.get(key);
            if (earlier == null && !taken.contains(key)) {
                pending.add(newUser(row));
                createdHere.put(key, line);
                tally.created++;
                return;
            }
            switch (onConflict) {
                case SKIP -> tally.skipped++;
                case FAIL -> tally.fail(List.of(new ImportError(line, "email", earlier != null
                        ? "repeats the email of line " + earlier
                        : "belongs to an existing user (onConflict=fail)")));
                case UPDATE -> {
                    flush(); // the earlier row of this batch must be stored before it can be updated
                    update(line, row);
                }
            }
        }

        private List<ImportError> check(long line, ImportedUser row) {
            List<ImportError> problems = new ArrayList<>(0);
            if (row.passwordHash().isPresent() && !hasher.canVerify(row.passwordHash().get())) {
                problems.add(new ImportError(line, "passwordHash", "must be an argon2id hash in PHC format "
                        + "($argon2id$v=19$m=…,t=…,p=…$salt$hash) or a bcrypt hash ($2a$, $2b$ or $2y$), with a cost Roster can verify"));
            }
            if (row.createdAt().isPresent() && row.createdAt().get().isAfter(now)) {
                problems.add(new ImportError(line, "createdAt", "must not be in the future"));
            }
            if (row.createdAt().isPresent() && row.createdAt().get().isBefore(Instant.EPOCH)) {
                problems.add(new ImportError(line, "createdAt", "must not be before 1970"));
            }
            return problems;
        }

        private User newUser(ImportedUser row) {
            Instant createdAt = row.createdAt().orElse(now);
            return User.register(UserId.newTimeOrdered(createdAt, random), row.email(), row.displayName().orElse(null),
                    row.phone().orElse(null), row.attributes().orElse(null), row.roles().orElse(Set.of()),
                    row.passwordHash().orElse(null), createdAt);
        }

        private void update(long line, ImportedUser row) {
            User user = users.findByEmail(row.email()).orElse(null);
            if (user == null) { // purged since this batch's check: the row makes a new user after all
                pending.add(newUser(row));
                createdHere.put(row.email().canonical(), line);
                tally.created++;
                return;
            }
            if (user.status() == UserStatus.DELETED || user.status() == UserStatus.ANONYMIZED) {
                tally.fail(List.of(new ImportError(line, "email", "belongs to a deleted account; restore it before updating it")));
                return;
            }
            if (row.roles().isPresent() && !withUser(row.roles().get()).equals(withUser(user.roles()))) {
                tally.fail(List.of(new ImportError(line, "roles",
                        "cannot be changed by an import; use PUT/DELETE /api/v1/users/{id}/roles/{role}")));
                return;
            }
            ProfileChange change = ProfileChange.none();
            if (row.displayName().isPresent()) {
                change = change.withDisplayName(Change.set(row.displayName().get()));
            }
            if (row.phone().isPresent()) {
                change = change.withPhone(Change.set(row.phone().get()));
            }
            if (row.attributes().isPresent()) {
                change = change.withAttributes(AttributeChanges.replaceWith(row.attributes().get()));
            }
            Set<String> changed = new LinkedHashSet<>(user.changeProfile(change, now));
            if (row.passwordHash().isPresent() && !row.passwordHash().equals(user.passwordHash())) {
                user.changePasswordHash(row.passwordHash().get(), now);
                changed.add("password");
            }
            if (changed.isEmpty()) {
                tally.skipped++; // the stored user already holds these values
                return;
            }
            users.update(user);
            auditor.record(AuditAction.USER_UPDATED, user.id(), Map.of("fields", String.join(",", changed), "source", "import"));
            auditor.publishUpdate(user, changed);
            tally.updated++;
        }

        private void flush() {
            if (!pending.isEmpty()) {
                List<User> batch = List.copyOf(pending);
                users.addAll(batch);
                auditor.publishCreated(batch);
                pending.clear();
            }
        }
    }

    private static Set<Role> withUser(Set<Role> roles) {
        Set<Role> all = EnumSet.of(Role.USER);
        all.addAll(roles);
        return all;
    }

    /** Counts and the first errors; a batch's tally joins the total only once its transaction committed. */
    private final class Tally {
        private long processed;
        private long created;
        private long updated;
        private long skipped;
        private long failed;
        private final List<ImportError> errors = new ArrayList<>();
        private boolean truncated;

        void fail(List<ImportError> rowErrors) {
            failed++;
            keep(rowErrors);
        }

        private void keep(List<ImportError> rowErrors) {
            for (ImportError error : rowErrors) {
                if (errors.size() < maxErrors) {
                    errors.add(error);
                } else {
                    truncated = true;
                }
            }
        }

        void add(Tally batch) {
            processed += batch.processed;
            created += batch.created;
            updated += batch.updated;
            skipped += batch.skipped;
            failed += batch.failed;
            keep(batch.errors);
            truncated |= batch.truncated;
        }

        ImportReport report(boolean dryRun) {
            return new ImportReport(dryRun, processed, created, updated, skipped, failed, errors, truncated);
        }
    }

    /** Ends a dry run's transaction by rolling it back. */
    private static final class DryRunRollback extends RuntimeException {
        DryRunRollback() {
            super(null, null, false, false);
        }
    }
}
