package dev.roster.application.service.access;

import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.access.ChangeRoleCommand;
import dev.roster.application.port.in.access.EnsureAdminCommand;
import dev.roster.application.port.in.access.EnsureAdminUseCase;
import dev.roster.application.port.in.access.GrantRoleUseCase;
import dev.roster.application.port.in.access.RevokeRoleUseCase;
import dev.roster.application.port.in.access.RevokeSessionsUseCase;
import dev.roster.application.port.in.lifecycle.DeactivateUserUseCase;
import dev.roster.application.port.in.lifecycle.ReactivateUserUseCase;
import dev.roster.application.port.out.access.PasswordHasher;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.service.audit.Auditor;
import dev.roster.application.service.common.AdminGuard;
import dev.roster.application.service.common.VersionPrecondition;
import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.PasswordPolicy;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;
import dev.roster.domain.user.UserStatus;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Who may do what: roles, activation, sessions, and the first administrator. Every change that can remove an active
 * administrator takes the administrators' lock first ({@link UserRepository#countActiveAdminsLocked()}), so the
 * last-admin guard holds under concurrency.
 */
public final class UserAccessService implements GrantRoleUseCase, RevokeRoleUseCase, DeactivateUserUseCase,
        ReactivateUserUseCase, EnsureAdminUseCase, RevokeSessionsUseCase {
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final RandomGenerator random;
    private final Auditor auditor;

    public UserAccessService(UserRepository users, PasswordHasher hasher, PasswordPolicy policy,
                             TransactionBoundary transactions, Clock clock, RandomGenerator random, Auditor auditor) {
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public void grant(ChangeRoleCommand command) {
        transactions.inTransaction(() -> {
            User user = load(command.userId());
            VersionPrecondition.require(user, command.expectedVersion());
            if (user.grantRole(command.role(), clock.instant())) {
                users.update(user);
                auditor.record(AuditAction.ROLE_GRANTED, user.id(), Map.of("role", command.role().name()));
                auditor.publish(ChangeType.USER_ROLES_CHANGED, user, Map.of("granted", command.role().name()));
            }
        });
    }

    @Override
    public void revoke(ChangeRoleCommand command) {
        transactions.inTransaction(() -> {
            AdminGuard admins = command.role() == Role.ADMIN ? AdminGuard.lock(users) : AdminGuard.notNeeded();
            User user = load(command.userId());
            VersionPrecondition.require(user, command.expectedVersion());
            admins.refuseLosingTheLast(user, "remove the ADMIN role from");
            if (user.revokeRole(command.role(), clock.instant())) {
                users.update(user);
                auditor.record(AuditAction.ROLE_REVOKED, user.id(), Map.of("role", command.role().name()));
                auditor.publish(ChangeType.USER_ROLES_CHANGED, user, Map.of("revoked", command.role().name()));
            }
        });
    }

    @Override
    public void revokeSessions(UserId id, OptionalLong expectedVersion) {
        transactions.inTransaction(() -> {
            User user = load(id);
            VersionPrecondition.require(user, expectedVersion);
            user.endSessions(clock.instant());
            users.update(user);
            auditor.record(AuditAction.SESSIONS_REVOKED, user.id(), Map.of());
            auditor.publishUpdate(user, java.util.List.of("sessions"));
        });
    }

    @Override
    public UserView deactivate(UserId id, OptionalLong expectedVersion) {
        return transactions.inTransaction(() -> {
            AdminGuard admins = AdminGuard.lock(users);
            User user = load(id);
            VersionPrecondition.require(user, expectedVersion);
            admins.refuseLosingTheLast(user, "deactivate");
            user.deactivate(clock.instant());
            long version = users.update(user);
            auditor.record(AuditAction.USER_DEACTIVATED, user.id(), Map.of());
            auditor.publish(ChangeType.USER_DEACTIVATED, user);
            return UserView.of(user.snapshot().withVersion(version));
        });
    }

    @Override
    public UserView reactivate(UserId id, OptionalLong expectedVersion) {
        return transactions.inTransaction(() -> {
            User user = load(id);
            VersionPrecondition.require(user, expectedVersion);
            user.reactivate(clock.instant());
            long version = users.update(user);
            auditor.record(AuditAction.USER_REACTIVATED, user.id(), Map.of());
            auditor.publish(ChangeType.USER_REACTIVATED, user);
            return UserView.of(user.snapshot().withVersion(version));
        });
    }

    @Override
    public Outcome ensureAdmin(EnsureAdminCommand command) {
        if (transactions.inTransaction(users::countActiveAdminsLocked) > 0) {
            return Outcome.ALREADY_PRESENT;
        }
        policy.check(command.password(), command.email());
        PasswordHash hash = hasher.hash(command.password());
        return transactions.inTransaction(() -> {
            if (users.countActiveAdminsLocked() > 0) {
                return Outcome.ALREADY_PRESENT; // another instance won the race
            }
            Optional<User> existing = users.findByEmail(command.email());
            if (existing.isEmpty()) {
                User admin = User.register(UserId.newTimeOrdered(clock.instant(), random), command.email(), null, null,
                        Attributes.none(), Set.of(Role.ADMIN), hash, clock.instant());
                users.add(admin);
                auditor.record(AuditAction.USER_CREATED, admin.id(), Map.of("roles", "ADMIN,USER", "password", "true",
                        "attributes", "0", "reason", "first-administrator"));
                auditor.publish(ChangeType.USER_CREATED, admin);
                return Outcome.CREATED;
            }
            User user = existing.get();
            Map<String, String> why = Map.of("reason", "first-administrator");
            boolean restored = user.status() == UserStatus.DELETED;
            if (restored) {
                user.restore(clock.instant());
            }
            boolean reactivated = user.status() == UserStatus.DEACTIVATED;
            if (reactivated) {
                user.reactivate(clock.instant());
            }
            boolean granted = user.grantRole(Role.ADMIN, clock.instant());
            user.changePasswordHash(hash, clock.instant());
            users.update(user);
            if (restored) {
                auditor.record(AuditAction.USER_RESTORED, user.id(), why);
                auditor.publish(ChangeType.USER_RESTORED, user);
            }
            if (reactivated) {
                auditor.record(AuditAction.USER_REACTIVATED, user.id(), why);
                auditor.publish(ChangeType.USER_REACTIVATED, user);
            }
            if (granted) {
                auditor.record(AuditAction.ROLE_GRANTED, user.id(), Map.of("role", "ADMIN", "reason", "first-administrator"));
                auditor.publish(ChangeType.USER_ROLES_CHANGED, user, Map.of("granted", "ADMIN"));
            }
            auditor.record(AuditAction.PASSWORD_SET, user.id(), why);
            auditor.publishUpdate(user, java.util.List.of("password"));
            return Outcome.PROMOTED;
        });
    }

    private User load(UserId id) {
        return users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
    }
}
