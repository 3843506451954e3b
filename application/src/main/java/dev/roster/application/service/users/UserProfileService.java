package dev.roster.application.service.users;

import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.users.UpdateUserCommand;
import dev.roster.application.port.in.users.UpdateUserUseCase;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.audit.Auditor;
import dev.roster.application.service.common.Retry;
import dev.roster.application.service.common.VersionPrecondition;
import dev.roster.domain.user.EmailAlreadyTakenException;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserNotFoundException;
import dev.roster.domain.user.UserVersionConflictException;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Edits a user's profile with optimistic locking. */
public final class UserProfileService implements UpdateUserUseCase {
    /** Attempts for an unconditional update that keeps losing races against other writers. */

    private final UserRepository users;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Auditor auditor;

    public UserProfileService(UserRepository users, TransactionBoundary transactions, Clock clock, Auditor auditor) {
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.users = Objects.requireNonNull(users, "users");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public UserView update(UpdateUserCommand command) {
        // With If-Match the caller asked to fail on a stale base; without, re-apply on the newer version.
        return Retry.whenLostRace(failure -> failure instanceof UserVersionConflictException
                && command.expectedVersion().isEmpty(), () -> updateOnce(command));
    }

    private UserView updateOnce(UpdateUserCommand command) {
        return transactions.inTransaction(() -> {
            User user = users.findById(command.id()).orElseThrow(() -> new UserNotFoundException(command.id()));
            VersionPrecondition.require(user, command.expectedVersion());
            if (command.change().email().isPresent()) {
                users.findByEmail(command.change().email().get())
                        .filter(other -> !other.id().equals(user.id()))
                        .ifPresent(other -> {
                            throw new EmailAlreadyTakenException();
                        });
            }
            Set<String> changed = user.changeProfile(command.change(), clock.instant());
            if (changed.isEmpty()) {
                return UserView.of(user.snapshot());
            }
            long version = users.update(user);
            auditor.record(AuditAction.USER_UPDATED, user.id(), Map.of("fields", String.join(",", changed)));
            auditor.publishUpdate(user, changed);
            return UserView.of(user.snapshot().withVersion(version));
        });
    }
}
