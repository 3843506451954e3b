package dev.roster.application.fakes;

import dev.roster.application.port.out.users.UserRepository;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserSnapshot;
import dev.roster.domain.user.UserStatus;

import java.time.Instant;

import java.util.Objects;
import java.util.Optional;

/** {@link UserRepository} over an {@link InMemoryUserStore}: stores snapshots and rehydrates a fresh aggregate per read. */
public final class InMemoryUserRepository implements UserRepository {
    private final InMemoryUserStore store;

    public InMemoryUserRepository(InMemoryUserStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void add(User user) {
        Objects.requireNonNull(user, "user");
        store.insert(user.snapshot().withVersion(0));
    }

    @Override
    public void addAll(java.util.List<User> users) {
        users.forEach(this::add);
    }

    @Override
    public java.util.Set<String> takenEmails(java.util.Collection<Email> emails) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (Email email : emails) {
            if (store.findByCanonicalEmail(email.canonical()).isPresent()) {
                taken.add(email.canonical());
            }
        }
        return taken;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return store.findById(id).map(User::rehydrate);
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        Objects.requireNonNull(email, "email");
        return store.findByCanonicalEmail(email.canonical()).map(User::rehydrate);
    }

    @Override
    public long update(User user) {
        Objects.requireNonNull(user, "user");
        UserSnapshot changed = user.snapshot();
        long newVersion = changed.version() + 1;
        // like the JDBC adapter: lastLoginAt belongs to recordLogin, an update keeps the stored value
        Instant lastLogin = store.findById(changed.id()).map(UserSnapshot::lastLoginAt).orElse(changed.lastLoginAt());
        UserSnapshot stored = new UserSnapshot(changed.id(), changed.email(), changed.displayName(), changed.phone(),
                changed.attributes(), changed.roles(), changed.passwordHash(), changed.active(), changed.createdAt(),
                changed.updatedAt(), lastLogin, changed.deletedAt(), changed.anonymizedAt(), newVersion,
                changed.sessionGeneration(), changed.legalHold(), changed.erasureReceiptId(), changed.restricted());
        store.replace(stored, changed.version());
        return newVersion;
    }

    @Override
    public void recordLogin(UserId id, Instant at) {
        UserSnapshot current = store.findById(id).orElseThrow(() -> new IllegalStateException("no user " + id));
        UserSnapshot withLogin = new UserSnapshot(current.id(), current.email(), current.displayName(), current.phone(),
                current.attributes(), current.roles(), current.passwordHash(), current.active(), current.createdAt(),
                current.updatedAt(), at, current.deletedAt(), current.anonymizedAt(), current.version(),
                current.sessionGeneration(), current.legalHold(), current.erasureReceiptId(), current.restricted());
        store.replace(withLogin, current.version());
    }

    @Override
    public boolean delete(UserId id) {
        return store.remove(id);
    }

    /** The store serialises transactions, so no other transaction can hold one of these users. */
    @Override
    public java.util.List<UserId> lockDeletedBefore(Instant cutoff, int limit) {
        return store.all().stream()
                .filter(user -> user.status() == UserStatus.DELETED && user.deletedAt().isBefore(cutoff))
                .filter(user -> !user.legalHold())
                .sorted(java.util.Comparator.comparing(UserSnapshot::deletedAt))
                .limit(limit)
                .map(UserSnapshot::id)
                .toList();
    }

    /** The store serialises transactions, which is the lock the contract asks for. */
    @Override
    public long countActiveAdminsLocked() {
        return store.all().stream()
                .filter(user -> user.status() == UserStatus.ACTIVE && user.roles().contains(Role.ADMIN))
                .count();
    }
}
