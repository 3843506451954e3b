package dev.roster.application.fakes;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AddressCommitment;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.model.audit.AuditFilter;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.port.out.audit.AuditChain;
import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * {@link AuditLog} as a list of {@link StoredAuditEvent}s (immutable records) that joins the transactions of an
 * {@link InMemoryUserStore}: an append in a transaction that rolls back disappears with the users' changes, and the
 * chain head (last sequence and hash, like {@code audit_chain_head}) goes back with it, so no gap is left.
 * Appends are refused outside a read-write transaction, as the port requires.
 *
 * <p>Client addresses are committed to with a salt from a seeded {@link Random} (deterministic, as test data should be)
 * and cleared as the port says; the mark of the address retention goes back with a rollback too.
 *
 * <p>{@link #tamper}, {@link #replace} and {@link #remove} edit the stored trail behind the chain's back, the way
 * someone with write access to the table could, so that tests can show that verification notices.
 */
public final class InMemoryAuditLog implements AuditLog {
    private final InMemoryUserStore store;
    // Guarded by the store's lock.
    private List<StoredAuditEvent> events = new ArrayList<>();
    private Head head = Head.EMPTY;
    private long addressesClearedThrough;
    private final Random random = new Random(22);

    private record Head(long sequence, String hash) {
        static final Head EMPTY = new Head(0, AuditChain.GENESIS);
    }

    public InMemoryAuditLog(InMemoryUserStore store) {
        this.store = Objects.requireNonNull(store, "store");
        store.enlist(() -> {
            List<StoredAuditEvent> savedEvents = List.copyOf(events);
            Head savedHead = head;
            long savedMark = addressesClearedThrough;
            return () -> {
                events = new ArrayList<>(savedEvents);
                head = savedHead;
                addressesClearedThrough = savedMark;
            };
        });
    }

    /** Chains at once, under the store's lock, which a rollback undoes: nothing is left for a sequencer to place. */
    @Override
    public void append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        store.write(() -> {
            long sequence = head.sequence() + 1;
            Optional<AddressCommitment> commitment = event.actor().clientAddress().map(address -> AddressCommitment.seal(address, random));
            StoredAuditEvent stored = new StoredAuditEvent(sequence, event, head.hash(),
                    AuditChain.hash(sequence, head.hash(), event, commitment.map(AddressCommitment::digest)), commitment);
            events.add(stored);
            head = new Head(sequence, stored.hash());
            return stored;
        });
    }

    @Override
    public int clearClientAddressesOf(UserId user) {
        Objects.requireNonNull(user, "user");
        return store.write(() -> clearWhere(stored -> {
            AuditEvent event = stored.event();
            return event.actor().userId().equals(Optional.of(user)) || event.actor().userId().isEmpty()
                    && event.action() == AuditAction.LOGIN_FAILED && event.target().equals(Optional.of(user));
        }));
    }

    @Override
    public int clearClientAddressesBefore(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        return store.write(() -> {
            long through = addressesClearedThrough;
            List<StoredAuditEvent> passed = new ArrayList<>();
            for (StoredAuditEvent stored : events) {
                if (stored.sequence() <= through) {
                    continue;
                }
                if (passed.size() == limit || !stored.event().occurredAt().isBefore(cutoff)) {
                    break;
                }
                passed.add(stored);
            }
            if (!passed.isEmpty()) {
                long last = passed.get(passed.size() - 1).sequence();
                clearWhere(stored -> stored.sequence() > through && stored.sequence() <= last);
                addressesClearedThrough = last;
            }
            return passed.size();
        });
    }

    /** Clears the address and the salt of the matching events that have either; returns how many. */
    private int clearWhere(Predicate<StoredAuditEvent> which) {
        int cleared = 0;
        for (int i = 0; i < events.size(); i++) {
            StoredAuditEvent stored = events.get(i);
            boolean hasAddress = stored.event().actor().clientAddress().isPresent()
                    || stored.addressCommitment().flatMap(AddressCommitment::salt).isPresent();
            if (hasAddress && which.test(stored)) {
                AuditEvent event = stored.event();
                AuditEvent withoutAddress = new AuditEvent(event.occurredAt(), new Actor(event.actor().userId(), Optional.empty()),
                        event.action(), event.target(), event.details());
                events.set(i, new StoredAuditEvent(stored.sequence(), withoutAddress, stored.previousHash(), stored.hash(),
                        stored.addressCommitment().map(AddressCommitment::withoutSalt)));
                cleared++;
            }
        }
        return cleared;
    }

    @Override
    public List<StoredAuditEvent> find(AuditFilter filter, long afterSequence, int limit) {
        Objects.requireNonNull(filter, "filter");
        return select(afterSequence, limit, stored -> matches(filter, stored.event()));
    }

    @Override
    public List<StoredAuditEvent> findNewestFirst(AuditFilter filter, long beforeSequence, int limit) {
        Objects.requireNonNull(filter, "filter");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return store.read(() -> {
            List<StoredAuditEvent> newestFirst = new java.util.ArrayList<>(events);
            java.util.Collections.reverse(newestFirst);
            return newestFirst.stream()
                    .filter(stored -> stored.sequence() < beforeSequence)
                    .filter(stored -> matches(filter, stored.event()))
                    .limit(limit)
                    .toList();
        });
    }

    @Override
    public List<StoredAuditEvent> chainAfter(long afterSequence, int limit) {
        return select(afterSequence, limit, stored -> true);
    }

    @Override
    public Optional<StoredAuditEvent> last() {
        return store.read(() -> events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1)));
    }

    @Override
    public ChainHead head() {
        return store.read(() -> new ChainHead(head.sequence(), head.hash()));
    }

    /** Every stored event, in sequence order; readable outside transactions, for assertions. */
    public List<StoredAuditEvent> events() {
        return store.read(() -> List.copyOf(events));
    }

    /** Rewrites the content of a stored event but keeps its stored hashes, as a forger who cannot rehash would. */
    public void tamper(long sequence, UnaryOperator<AuditEvent> change) {
        Objects.requireNonNull(change, "change");
        replace(sequence, stored -> new StoredAuditEvent(stored.sequence(), change.apply(stored.event()),
                stored.previousHash(), stored.hash(), stored.addressCommitment()));
    }

    /** Replaces a stored event with whatever {@code change} makes of it (sequence and hashes included). */
    public void replace(long sequence, UnaryOperator<StoredAuditEvent> change) {
        Objects.requireNonNull(change, "change");
        store.read(() -> {
            int index = indexOf(sequence);
            events.set(index, Objects.requireNonNull(change.apply(events.get(index)), "replacement"));
            return null;
        });
    }

    /** Deletes a stored event; the chain head stays where it was, as when a row is deleted from the table. */
    public void remove(long sequence) {
        store.read(() -> events.remove(indexOf(sequence)));
    }

    private List<StoredAuditEvent> select(long afterSequence, int limit, Predicate<StoredAuditEvent> wanted) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return store.read(() -> events.stream()
                .filter(stored -> stored.sequence() > afterSequence)
                .filter(wanted)
                .limit(limit)
                .toList());
    }

    private static boolean matches(AuditFilter filter, AuditEvent event) {
        return filter.userId().map(id -> event.target().filter(id::equals).isPresent()).orElse(true)
                && filter.actorId().map(id -> event.actor().userId().filter(id::equals).isPresent()).orElse(true)
                && filter.action().map(action -> event.action() == action).orElse(true)
                && filter.from().map(from -> !event.occurredAt().isBefore(from)).orElse(true)
                && filter.to().map(to -> event.occurredAt().isBefore(to)).orElse(true);
    }

    private int indexOf(long sequence) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).sequence() == sequence) {
                return i;
            }
        }
        throw new IllegalArgumentException("no stored audit event has sequence " + sequence);
    }
}
