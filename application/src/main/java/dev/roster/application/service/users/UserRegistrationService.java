package dev.roster.application.service.users;

import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.users.CreateUserCommand;
import dev.roster.application.port.in.users.CreateUserUseCase;
import dev.roster.application.port.in.users.UpsertResult;
import dev.roster.application.port.in.users.UpsertUserCommand;
import dev.roster.application.port.in.users.UpsertUserUseCase;
import dev.roster.application.port.out.access.PasswordHasher;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.audit.Auditor;
import dev.roster.application.service.common.Retry;
import dev.roster.domain.user.AttributeChanges;
import dev.roster.domain.user.Change;
import dev.roster.domain.user.EmailAlreadyTakenException;
import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.PasswordPolicy;
import dev.roster.domain.user.ProfileChange;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserVersionConflictException;

import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Brings users into the store: create, and upsert by email. Email uniqueness is checked here, backed by the store. */
public final class UserRegistrationService implements CreateUserUseCase, UpsertUserUseCase {
    /** Attempts for an upsert that keeps losing races against other writers of the same email. */

    private final UserRepository users;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final RandomGenerator random;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Auditor auditor;

    public UserRegistrationService(UserRepository users, TransactionBoundary transactions, Clock clock, RandomGenerator random,
                                   PasswordHasher hasher, PasswordPolicy policy, Auditor auditor) {
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public UserView create(CreateUserCommand command) {
        // policy and hashing before the transaction: hashing takes tens of milliseconds
        command.password().ifPresent(password -> policy.check(password, command.email()));
        PasswordHash hash = command.password().map(hasher::hash).orElse(null);
        return transactions.inTransaction(() -> {
            if (users.findByEmail(command.email()).isPresent()) {
                throw new EmailAlreadyTakenException();
            }
            User user = User.register(newId(), command.email(), command.displayName().orElse(null),
                    command.phone().orElse(null), command.attributes(), command.roles(), hash, clock.instant());
            users.add(user);
            auditCreated(user);
            return UserView.of(user.snapshot());
        });
    }

    @Override
    public UpsertResult upsert(UpsertUserCommand command) {
        // Another transaction created or changed this user between our read and our write: read it again.
        return Retry.whenLostRace(failure -> failure instanceof EmailAlreadyTakenException
                || failure instanceof UserVersionConflictException, () -> upsertOnce(command));
    }

    private UpsertResult upsertOnce(UpsertUserCommand command) {
        return transactions.inTransaction(() -> {
            Optional<User> existing = users.findByEmail(command.email());
            if (existing.isEmpty()) {
                User user = User.register(newId(), command.email(), command.displayName().orElse(null),
                        command.phone().orElse(null), command.attributes(), Set.of(), null, clock.instant());
                users.add(user);
                auditCreated(user);
                return new UpsertResult(true, UserView.of(user.snapshot()));
            }
            User user = existing.get();
            // The stored email keeps the form it was registered with; it only matched case-insensitively.
            ProfileChange replacement = ProfileChange.none()
                    .withDisplayName(Change.setOrClear(command.displayName().orElse(null)))
                    .withPhone(Change.setOrClear(command.phone().orElse(null)))
                    .withAttributes(AttributeChanges.replaceWith(command.attributes()));
            Set<String> changed = user.changeProfile(replacement, clock.instant());
            if (changed.isEmpty()) {
                return new UpsertResult(false, UserView.of(user.snapshot()));
            }
            long version = users.update(user);
            auditor.record(AuditAction.USER_UPDATED, user.id(), Map.of("fields", String.join(",", changed)));
            auditor.publishUpdate(user, changed);
            return new UpsertResult(false, UserView.of(user.snapshot().withVersion(version)));
        });
    }

    /** Field names and counts only: the audit trail holds no personal data. */
    private void auditCreated(User user) {
        auditor.record(AuditAction.USER_CREATED, user.id(), Map.of(
                "roles", user.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                "attributes", Integer.toString(user.attributes().size()),
                "password", Boolean.toString(user.passwordHash().isPresent())));
        auditor.publish(ChangeType.USER_CREATED, user);
    }

    private UserId newId() {
        return UserId.newTimeOrdered(clock.instant(), random);
    }
}
