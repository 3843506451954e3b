package dev.roster.application.fakes;

import dev.roster.application.port.out.events.EventSequencer;

import java.time.Duration;
import java.util.Objects;

/**
 * {@link EventSequencer} for the in-memory logs, which place events as they are appended: nothing is ever pending,
 * so {@link #linkPending} only counts its calls, and {@link #awaitBeyond} watches the change log's last position.
 */
public final class InMemoryEventSequencer implements EventSequencer {
    private final InMemoryChangeEventLog changes;
    private int linkCalls;
    private long reached;

    public InMemoryEventSequencer(InMemoryChangeEventLog changes) {
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    @Override
    public synchronized void linkPending() {
        linkCalls++;
    }

    /** How often a service asked for everything committed to be placed. */
    public synchronized int linkCalls() {
        return linkCalls;
    }

    @Override
    public synchronized void feedReached(long position) {
        reached = Math.max(reached, position);
    }

    /** The highest position a follower said the feed reached (0 when none did). */
    public synchronized long reached() {
        return reached;
    }

    @Override
    public boolean awaitBeyond(long position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (changes.lastPosition() <= position) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
