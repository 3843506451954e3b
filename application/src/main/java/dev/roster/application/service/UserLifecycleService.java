package dev.roster.application.service;

import dev.roster.application.port.in.RestoreUserUseCase;
import dev.roster.application.port.in.SoftDeleteUserUseCase;
import dev.roster.application.port.in.UserView;
import dev.roster.application.port.out.AuditAction;
import dev.roster.application.port.out.TransactionBoundary;
import dev.roster.application.port.out.UserRepository;
import dev.roster.domain.user.LastAdminException;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;
import dev.roster.domain.user.UserStatus;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** Soft delete and restore, each one transaction with its audit event; the last active admin cannot be deleted. */
public final class UserLifecycleService implements SoftDeleteUserUseCase, RestoreUserUseCase {
    private final UserRepository users;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Auditor auditor;

    public UserLifecycleService(UserRepository users, TransactionBoundary transactions, Clock clock, Auditor auditor) {
        this.users = Objects.requireNonNull(users, "users");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public void softDelete(UserId id) {
        transactions.inTransaction(() -> {
            long activeAdmins = users.countActiveAdminsLocked();
            User user = users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
            if (user.status() == UserStatus.DELETED) {
                return; // DELETE is idempotent
            }
            if (user.isActiveAdmin() && activeAdmins <= 1) {
                throw new LastAdminException("delete");
            }
            user.softDelete(clock.instant());
            users.update(user);
            auditor.record(AuditAction.USER_DELETED, user.id(), Map.of("mode", "soft"));
        });
    }

    @Override
    public UserView restore(UserId id) {
        return transactions.inTransaction(() -> {
            User user = users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
            user.restore(clock.instant());
            long version = users.update(user);
            auditor.record(AuditAction.USER_RESTORED, user.id(), Map.of("status", user.status().name()));
            return UserView.of(user.snapshot().withVersion(version));
        });
    }
}
