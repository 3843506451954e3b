package dev.roster.application.fakes;

import dev.roster.application.model.events.ChangeEvent;
import dev.roster.application.model.events.EventFilter;
import dev.roster.application.model.events.StoredChangeEvent;
import dev.roster.application.port.out.events.ChangeEventLog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link ChangeEventLog} as a list of {@link StoredChangeEvent}s that joins the transactions of an
 * {@link InMemoryUserStore}: an append positions the event at once, under the store's lock, and a rollback takes it
 * back with the users' changes (and the position with it, so no gap is left). Appends are refused outside a
 * read-write transaction, as the port requires.
 */
public final class InMemoryChangeEventLog implements ChangeEventLog {
    private final InMemoryUserStore store;
    // Guarded by the store's lock.
    private List<StoredChangeEvent> events = new ArrayList<>();
    private long lastPosition;
    private long prunedThrough;

    public InMemoryChangeEventLog(InMemoryUserStore store) {
        this.store = Objects.requireNonNull(store, "store");
        store.enlist(() -> {
            List<StoredChangeEvent> savedEvents = List.copyOf(events);
            long savedLast = lastPosition;
            long savedPruned = prunedThrough;
            return () -> {
                events = new ArrayList<>(savedEvents);
                lastPosition = savedLast;
                prunedThrough = savedPruned;
            };
        });
    }

    @Override
    public void append(ChangeEvent event) {
        appendAll(List.of(event));
    }

    @Override
    public void appendAll(List<ChangeEvent> appended) {
        List<ChangeEvent> copy = List.copyOf(appended);
        store.write(() -> {
            for (ChangeEvent event : copy) {
                events.add(new StoredChangeEvent(++lastPosition, event));
            }
            return null;
        });
    }

    @Override
    public List<StoredChangeEvent> after(long position, EventFilter filter, int limit) {
        Objects.requireNonNull(filter, "filter");
        return store.read(() -> events.stream()
                .filter(stored -> stored.position() > position)
                .filter(stored -> filter.matches(stored.event()))
                .limit(limit)
                .toList());
    }

    @Override
    public long lastPosition() {
        return store.read(() -> lastPosition);
    }

    @Override
    public long prunedThrough() {
        return store.read(() -> prunedThrough);
    }

    @Override
    public int pruneBefore(Instant cutoff, int batch) {
        return store.write(() -> {
            int removed = 0;
            while (removed < batch && !events.isEmpty() && events.get(0).event().occurredAt().isBefore(cutoff)) {
                prunedThrough = events.remove(0).position();
                removed++;
            }
            return removed;
        });
    }

    /** Every stored event in position order; readable outside transactions, for assertions. */
    public List<StoredChangeEvent> events() {
        return store.read(() -> List.copyOf(events));
    }
}
