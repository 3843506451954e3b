package dev.roster.application.service.lifecycle;

import dev.roster.application.port.in.lifecycle.DeleteOwnAccountUseCase;
import dev.roster.application.port.in.lifecycle.SoftDeleteUserUseCase;
import dev.roster.application.port.out.access.PasswordHasher;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.common.PasswordConfirmation;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;

import java.util.Objects;

/** A user deletes its own account: the password confirms it is really them, then the same soft delete as an admin's. */
public final class SelfDeletionService implements DeleteOwnAccountUseCase {
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final RateLimiter rateLimiter;
    private final SoftDeleteUserUseCase softDelete;
    private final TransactionBoundary transactions;

    public SelfDeletionService(UserRepository users, PasswordHasher hasher, RateLimiter rateLimiter,
                               SoftDeleteUserUseCase softDelete, TransactionBoundary transactions) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.softDelete = Objects.requireNonNull(softDelete, "softDelete");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public void deleteOwnAccount(UserId self, PlainPassword currentPassword) {
        // a stolen token must not become a password oracle: confirmations share the password-change budget
        rateLimiter.acquire(RateLimitedAction.PASSWORD_CHANGE, self.toString());
        User user = transactions.readOnly(() -> users.findById(self)).orElseThrow(() -> new UserNotFoundException(self));
        PasswordConfirmation.confirm(hasher, user, currentPassword);
        softDelete.softDelete(self);
    }
}
