package dev.roster.application.fakes;

import dev.roster.domain.user.EmailAlreadyTakenException;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserSnapshot;
import dev.roster.domain.user.UserVersionConflictException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The shared state behind the in-memory fakes: immutable {@link UserSnapshot}s keyed by id, with a unique index on
 * the canonical email. It never holds a live {@code User}, so a service that forgets to call {@code update} is
 * caught by its tests.
 *
 * <p>Transactions are serialized: {@link #inTransaction} holds a (reentrant) lock for the whole work, so concurrent
 * callers see each other's changes only after commit, and a rolled-back transaction restores exactly what it found.
 * Writes outside a read-write transaction are refused with an {@link IllegalStateException}, as the
 * {@code UserRepository} contract requires.
 *
 * <p>Other in-memory state that belongs to the same "database" (the audit log) {@linkplain #enlist joins} these
 * transactions: it is checkpointed when one starts and put back when it fails, together with the users. State that
 * names users the way a foreign key without cascade does (files, legal holds) {@linkplain #refuseRemovalWhileNamedBy keeps them
 * from being removed}.
 */
public final class InMemoryUserStore {
    /** State kept beside the users that commits and rolls back with this store's transactions. */
    @FunctionalInterface
    public interface Participant {
        /** Captures the current state (called with the store's lock held); the returned action puts it back. */
        Runnable checkpoint();
    }

    /** State kept beside the users that names some of them, as a foreign key without cascade does. */
    @FunctionalInterface
    public interface Reference {
        /** Whether this state still names the user (called with the store's lock held). */
        boolean names(UserId id);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Participant> participants = new CopyOnWriteArrayList<>();
    private final List<Reference> references = new CopyOnWriteArrayList<>();
    private Map<UserId, UserSnapshot> byId = new HashMap<>();
    private Map<String, UserId> idByCanonicalEmail = new HashMap<>();
    // Only read or written by the thread that holds the lock.
    private int transactionDepth;
    private int readOnlyDepth;
    private long modifications;

    /**
     * Runs {@code work} as one transaction: on any exception or error the store is put back as it was before.
     * Nested calls join the outer transaction but roll back their own part when they fail.
     *
     * @param readOnly a write inside the work (or inside nested work) fails with {@link IllegalStateException}
     */
    public <T> T inTransaction(boolean readOnly, Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        lock.lock();
        Map<UserId, UserSnapshot> savedById = new HashMap<>(byId);
        Map<String, UserId> savedIndex = new HashMap<>(idByCanonicalEmail);
        List<Runnable> undoParticipants = participants.stream().map(Participant::checkpoint).toList();
        transactionDepth++;
        if (readOnly) {
            readOnlyDepth++;
        }
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            byId = savedById;
            idByCanonicalEmail = savedIndex;
            undoParticipants.forEach(Runnable::run);
            throw e;
        } finally {
            if (readOnly) {
                readOnlyDepth--;
            }
            transactionDepth--;
            lock.unlock();
        }
    }

    /** Makes {@code participant} take part in every transaction that starts from now on. */
    public void enlist(Participant participant) {
        participants.add(Objects.requireNonNull(participant, "participant"));
    }

    /** Makes {@link #remove} refuse, from now on, a user that {@code reference} still names. */
    public void refuseRemovalWhileNamedBy(Reference reference) {
        references.add(Objects.requireNonNull(reference, "reference"));
    }

    /** Runs a participant's read under the store's lock, so it never sees another transaction's uncommitted work. */
    public <T> T read(Supplier<T> action) {
        return locked(action);
    }

    /**
     * Runs a participant's write under the store's lock; like the store's own writes it is refused outside a
     * read-write transaction.
     */
    public <T> T write(Supplier<T> action) {
        return locked(() -> {
            requireWritable();
            return action.get();
        });
    }

    public Optional<UserSnapshot> findById(UserId id) {
        Objects.requireNonNull(id, "id");
        return locked(() -> Optional.ofNullable(byId.get(id)));
    }

    public Optional<UserSnapshot> findByCanonicalEmail(String canonicalEmail) {
        Objects.requireNonNull(canonicalEmail, "canonicalEmail");
        return locked(() -> Optional.ofNullable(idByCanonicalEmail.get(canonicalEmail)).map(byId::get));
    }

    /** Every stored user, in no particular order. */
    public List<UserSnapshot> all() {
        return locked(() -> List.copyOf(byId.values()));
    }

    public int size() {
        return locked(byId::size);
    }

    /** How many writes this store has taken, rolled back or not: lets a test prove that nothing was written. */
    public long modifications() {
        return locked(() -> modifications);
    }

    /**
     * Stores a user that is not there yet.
     *
     * @throws EmailAlreadyTakenException when another user has the same canonical email
     * @throws IllegalStateException      when a user with this id is already stored
     */
    public void insert(UserSnapshot user) {
        Objects.requireNonNull(user, "user");
        locked(() -> {
            requireWritable();
            if (byId.containsKey(user.id())) {
                throw new IllegalStateException("a user with id " + user.id() + " is already stored");
            }
            String canonical = user.email().canonical();
            if (idByCanonicalEmail.containsKey(canonical)) {
                throw new EmailAlreadyTakenException();
            }
            byId.put(user.id(), user);
            idByCanonicalEmail.put(canonical, user.id());
            modifications++;
            return null;
        });
    }

    /**
     * Replaces the stored user iff it is still at {@code expectedVersion}.
     *
     * @throws UserVersionConflictException when the stored user is at another version or no longer exists
     * @throws EmailAlreadyTakenException   when the new email's canonical form belongs to another user
     */
    public void replace(UserSnapshot user, long expectedVersion) {
        Objects.requireNonNull(user, "user");
        locked(() -> {
            requireWritable();
            UserSnapshot current = byId.get(user.id());
            if (current == null || current.version() != expectedVersion) {
                throw new UserVersionConflictException(user.id());
            }
            String oldCanonical = current.email().canonical();
            String newCanonical = user.email().canonical();
            UserId holder = idByCanonicalEmail.get(newCanonical);
            if (holder != null && !holder.equals(user.id())) {
                throw new EmailAlreadyTakenException();
            }
            idByCanonicalEmail.remove(oldCanonical);
            idByCanonicalEmail.put(newCanonical, user.id());
            byId.put(user.id(), user);
            modifications++;
            return null;
        });
    }

    /**
     * Removes a user (a purge); returns whether it was there.
     *
     * @throws IllegalStateException when a {@linkplain #refuseRemovalWhileNamedBy reference} still names the user
     */
    public boolean remove(UserId id) {
        Objects.requireNonNull(id, "id");
        return locked(() -> {
            requireWritable();
            if (byId.containsKey(id) && references.stream().anyMatch(reference -> reference.names(id))) {
                throw new IllegalStateException("user " + id + " is still named by other records (the database's foreign key)");
            }
            UserSnapshot removed = byId.remove(id);
            if (removed == null) {
                return false;
            }
            idByCanonicalEmail.remove(removed.email().canonical());
            modifications++;
            return true;
        });
    }

    /**
     * A backup of this whole "database": the users and every enlisted participant's state. Running the returned action
     * (outside transactions) puts all of it back as it was, as restoring a database backup would; it may run more
     * than once.
     */
    public Runnable backup() {
        return locked(() -> {
            Map<UserId, UserSnapshot> savedById = new HashMap<>(byId);
            Map<String, UserId> savedIndex = new HashMap<>(idByCanonicalEmail);
            List<Runnable> restoreParticipants = participants.stream().map(Participant::checkpoint).toList();
            return () -> locked(() -> {
                byId = new HashMap<>(savedById);
                idByCanonicalEmail = new HashMap<>(savedIndex);
                restoreParticipants.forEach(Runnable::run);
                modifications++;
                return null;
            });
        });
    }

    /** Forgets every user; allowed outside transactions, for test set-up. */
    public void clear() {
        locked(() -> {
            byId.clear();
            idByCanonicalEmail.clear();
            modifications++;
            return null;
        });
    }

    private void requireWritable() {
        if (transactionDepth == 0) {
            throw new IllegalStateException("writes must run inside TransactionBoundary.inTransaction");
        }
        if (readOnlyDepth > 0) {
            throw new IllegalStateException("a read-only transaction must not write");
        }
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
