package dev.roster.adapters.out.persistence.jdbc;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Tells the sequencer that a transaction which left pending events has committed, so that it places them at once
 * instead of on its next timer tick. Signals coalesce: many commits while the sequencer works wake it once more.
 */
@Singleton
public final class PendingEventsSignal {
    private final Semaphore signals = new Semaphore(0);
    private final TransactionOperations<Connection> transactions;

    PendingEventsSignal(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Call where pending events are written: signals once the surrounding transaction commits (at once without one). */
    public void afterCommit() {
        Optional<? extends TransactionStatus<?>> transaction = transactions.findTransactionStatus();
        if (transaction.isEmpty()) {
            signal();
            return;
        }
        transaction.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal();
            }
        });
    }

    void signal() {
        if (signals.availablePermits() == 0) {
            signals.release();
        }
    }

    /** Waits for a signal, at most {@code timeout}; consumes every signal given so far. Returns whether there was one. */
    public boolean await(Duration timeout) throws InterruptedException {
        boolean signalled = signals.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        signals.drainPermits();
        return signalled;
    }
}
