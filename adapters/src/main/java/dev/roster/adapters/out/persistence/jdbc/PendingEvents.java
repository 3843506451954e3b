package dev.roster.adapters.out.persistence.jdbc;

/**
 * A store whose writers leave events pending, to be placed (sequenced, chained) after commit by the sequencer
 * (ADR 0018). {@link #placePending} runs inside the sequencer's transaction, while it holds the sequencer lock, so
 * no other placement runs at the same time on any instance.
 */
public interface PendingEvents {

    /** Places at most {@code limit} committed pending events in the order of their pending ids; returns how many. */
    int placePending(int limit);
}
