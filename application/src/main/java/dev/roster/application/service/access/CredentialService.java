package dev.roster.application.service.access;

import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.port.in.access.ChangeOwnPasswordCommand;
import dev.roster.application.port.in.access.ChangeOwnPasswordUseCase;
import dev.roster.application.port.in.access.SetPasswordCommand;
import dev.roster.application.port.in.access.SetPasswordUseCase;
import dev.roster.application.port.out.access.PasswordHasher;
import dev.roster.application.port.out.access.RateLimitedAction;
import dev.roster.application.port.out.access.RateLimiter;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.audit.Auditor;
import dev.roster.application.service.common.PasswordConfirmation;
import dev.roster.application.service.common.VersionPrecondition;
import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.PasswordPolicy;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserNotFoundException;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Passwords: an administrator sets one, a user changes its own. The policy is checked and the hash computed before
 * the transaction (hashing is slow), and no password or hash ever leaves this service.
 */
public final class CredentialService implements SetPasswordUseCase, ChangeOwnPasswordUseCase {
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final RateLimiter rateLimiter;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Auditor auditor;

    public CredentialService(UserRepository users, PasswordHasher hasher, PasswordPolicy policy, RateLimiter rateLimiter,
                             TransactionBoundary transactions, Clock clock, Auditor auditor) {
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void setPassword(SetPasswordCommand command) {
        rateLimiter.acquire(RateLimitedAction.PASSWORD_CHANGE, command.userId().toString());
        User user = transactions.readOnly(() -> users.findById(command.userId()))
                .orElseThrow(() -> new UserNotFoundException(command.userId()));
        VersionPrecondition.require(user, command.expectedVersion()); // the update below is checked against this version too
        policy.check(command.password(), user.email());
        store(user, hasher.hash(command.password()), AuditAction.PASSWORD_SET);
    }

    @Override
    public void changeOwnPassword(ChangeOwnPasswordCommand command) {
        rateLimiter.acquire(RateLimitedAction.PASSWORD_CHANGE, command.userId().toString());
        User user = transactions.readOnly(() -> users.findById(command.userId()))
                .orElseThrow(() -> new UserNotFoundException(command.userId()));
        PasswordConfirmation.confirm(hasher, user, command.currentPassword());
        policy.check(command.newPassword(), user.email());
        store(user, hasher.hash(command.newPassword()), AuditAction.PASSWORD_CHANGED);
    }

    /** Writes the hash onto the user as loaded: a concurrent change of the user makes this fail, not overwrite it. */
    private void store(User loaded, PasswordHash hash, AuditAction action) {
        transactions.inTransaction(() -> {
            loaded.changePasswordHash(hash, clock.instant());
            users.update(loaded);
            auditor.record(action, loaded.id(), Map.of());
            auditor.publishUpdate(loaded, java.util.List.of("password"));
        });
    }
}
