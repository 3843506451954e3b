package dev.roster.application.service.lifecycle;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.lifecycle.PurgeUserCommand;
import dev.roster.application.port.in.lifecycle.PurgeUserUseCase;
import dev.roster.application.port.in.lifecycle.RestoreUserUseCase;
import dev.roster.application.port.in.lifecycle.SoftDeleteUserUseCase;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.LegalHoldRepository;
import dev.roster.application.port.out.erasure.StoredDataPackages;
import dev.roster.application.port.out.lifecycle.FileRepository;
import dev.roster.application.port.out.stats.StatisticsInvalidation;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.audit.Auditor;
import dev.roster.application.service.common.AdminGuard;
import dev.roster.application.service.common.LegalHoldGuard;
import dev.roster.application.service.common.VersionPrecondition;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserHasResourcesException;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;
import dev.roster.domain.user.UserStatus;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Soft delete, restore and purge, each one transaction with its audit event. The last active admin cannot be
 * deleted or purged; a purge is refused while the user owns files unless it cascades, and removes the data packages kept
 * with the user's privacy requests (copies of the user's data, not resources the user owns).
 */
public final class UserLifecycleService implements SoftDeleteUserUseCase, RestoreUserUseCase, PurgeUserUseCase {
    private final UserRepository users;
    private final FileRepository files;
    private final StoredDataPackages packages;
    private final LegalHoldRepository holds;
    private final RateLimiter rateLimiter;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Auditor auditor;
    private final StatisticsInvalidation statistics;

    public UserLifecycleService(UserRepository users, FileRepository files, StoredDataPackages packages, LegalHoldRepository holds,
                                RateLimiter rateLimiter, TransactionBoundary transactions, Clock clock, Auditor auditor,
                                StatisticsInvalidation statistics) {
        this.packages = Objects.requireNonNull(packages, "packages");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.holds = Objects.requireNonNull(holds, "holds");
        this.files = Objects.requireNonNull(files, "files");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.users = Objects.requireNonNull(users, "users");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public void softDelete(UserId id, OptionalLong expectedVersion) {
        transactions.inTransaction(() -> {
            AdminGuard admins = AdminGuard.lock(users);
            User user = users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
            VersionPrecondition.require(user, expectedVersion);
            if (user.status() == UserStatus.DELETED) {
                return; // DELETE is idempotent
            }
            admins.refuseLosingTheLast(user, "delete");
            user.softDelete(clock.instant());
            users.update(user);
            auditor.record(AuditAction.USER_DELETED, user.id(), Map.of("mode", "soft"));
            auditor.publish(ChangeType.USER_DELETED, user);
        });
    }

    @Override
    public void purge(PurgeUserCommand command) {
        Actor actor = auditor.currentActor();
        rateLimiter.acquire(RateLimitedAction.HARD_DELETE, actor);
        transactions.inTransaction(() -> {
            AdminGuard admins = AdminGuard.lock(users);
            User user = users.findById(command.id()).orElseThrow(() -> new UserNotFoundException(command.id()));
            VersionPrecondition.require(user, command.expectedVersion());
            LegalHoldGuard.refuseIfHeld(holds, user.id(), "purge");
            admins.refuseLosingTheLast(user, "purge");
            long owned = files.countByOwner(user.id());
            if (owned > 0 && !command.cascade()) {
                throw new UserHasResourcesException(owned);
            }
            long removedFiles = owned > 0 ? files.deleteAllOf(user.id()) : 0;
            long removedPackages = packages.deleteAllOf(user.id());
            users.delete(user.id());
            auditor.record(AuditAction.USER_PURGED, user.id(), Map.of("files", Long.toString(removedFiles),
                    "dataPackages", Long.toString(removedPackages), "status", user.status().name()));
            auditor.publishPurged(user.id());
        });
        statistics.signupsChanged(); // after commit: the purged user no longer counts as a signup
    }

    @Override
    public UserView restore(UserId id, OptionalLong expectedVersion) {
        return transactions.inTransaction(() -> {
            User user = users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
            VersionPrecondition.require(user, expectedVersion);
            user.restore(clock.instant());
            long version = users.update(user);
            auditor.record(AuditAction.USER_RESTORED, user.id(), Map.of("status", user.status().name()));
            auditor.publish(ChangeType.USER_RESTORED, user);
            return UserView.of(user.snapshot().withVersion(version));
        });
    }
}
