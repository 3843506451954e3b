package dev.roster.application.port.out.events;

import dev.roster.application.model.events.ChangeEvent;
import dev.roster.application.model.events.EventFilter;
import dev.roster.application.model.events.StoredChangeEvent;

import java.time.Instant;
import java.util.List;

/**
 * The change feed's store. {@link #append} is called inside the transaction of the change it describes, so an event
 * exists exactly when its change committed; it is stored without a position, and the {@link EventSequencer} gives it
 * one after the commit, in commit order (ADR 0018). Readers only ever see events that have a position.
 */
public interface ChangeEventLog {

    /** Stores the event in the caller's transaction, to be positioned after commit. */
    void append(ChangeEvent event);

    /** {@link #append} for many events at once (an import's batch), in this order. */
    void appendAll(List<ChangeEvent> events);

    /** Positioned events after {@code position} that match the filter, in position order, at most {@code limit}. */
    List<StoredChangeEvent> after(long position, EventFilter filter, int limit);

    /** The highest position given so far (0 when none). */
    long lastPosition();

    /** Every position up to and including this one has been removed by retention (0 when nothing was). */
    long prunedThrough();

    /**
     * Removes, oldest first, at most {@code batch} positioned events that occurred before {@code cutoff}, and moves
     * {@link #prunedThrough} on to the last position removed. Returns how many were removed.
     */
    int pruneBefore(Instant cutoff, int batch);
}
