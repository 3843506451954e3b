package dev.roster.application.port.out.events;

import java.time.Duration;

/**
 * Gives committed audit and change events their place after commit (ADR 0018): the next audit sequence and hash, the
 * next feed position, in the order the events became visible, so that no reader can later find an event behind a
 * position it has passed. Writers never wait for it; it runs right after each commit and sweeps on a timer, so events
 * left behind by a crash are placed when the service is back.
 */
public interface EventSequencer {

    /**
     * Places every event committed before this call; returns when they are visible to readers. Inside a transaction it
     * does nothing (that transaction's events are not committed yet; its commit wakes the sequencer, which places them).
     */
    void linkPending();

    /**
     * Waits until an event with a position greater than {@code position} has been placed, or until {@code timeout}
     * has passed. Returns whether one was; an interrupted wait returns {@code false} with the thread's interrupt
     * flag set.
     */
    boolean awaitBeyond(long position, Duration timeout);

    /**
     * The feed is known to reach {@code position} (another instance placed events up to it): wakes the readers
     * {@link #awaitBeyond waiting} below it now rather than on the next sweep. A lower position changes nothing.
     */
    void feedReached(long position);
}
