package dev.roster.adapters.out.persistence.jdbc.events;

import dev.roster.adapters.out.persistence.jdbc.PendingEvents;
import dev.roster.adapters.out.persistence.jdbc.PendingEventsSignal;
import dev.roster.application.port.out.events.EventSequencer;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link EventSequencer} (ADR 0018): one background thread per instance that, right after each commit that left
 * pending events (and every second in any case), takes the row of {@code event_sequencer_lock} and lets each
 * {@link PendingEvents} store place its committed pending rows, in one short transaction per batch. Only the
 * sequencer ever waits for that lock, so writers never queue behind each other's commits; on several instances the
 * lock lets one place at a time.
 *
 * <p>{@code roster.events.sequencer.enabled=false} stops it, as if the process had died right after its commits:
 * for crash drills and their tests only. Nothing is placed then, not even on a read.
 */
@Context // starts with the application: it places what a crash left pending
final class JdbcEventSequencer implements EventSequencer {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventSequencer.class);
    private static final int BATCH = 1_000;
    private static final Duration SWEEP = Duration.ofSeconds(1);

    private final List<PendingEvents> stores;
    private final JdbcChangeEventLog feed;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final PendingEventsSignal signal;
    private final boolean enabled;
    private final ReentrantLock placing = new ReentrantLock();
    private final Object placed = new Object();
    private volatile long lastPosition = -1;
    private volatile boolean running;
    private Thread thread;

    JdbcEventSequencer(List<PendingEvents> stores, JdbcChangeEventLog feed, JdbcOperations jdbc,
                       TransactionOperations<Connection> transactions, PendingEventsSignal signal,
                       @Value("${roster.events.sequencer.enabled:true}") boolean enabled) {
        this.stores = List.copyOf(stores);
        this.feed = feed;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.signal = signal;
        this.enabled = enabled;
    }

    @PostConstruct
    void start() {
        if (!enabled) {
            LOG.warn("The event sequencer is disabled (roster.events.sequencer.enabled=false): audit and change events "
                    + "stay pending until an instance with it enabled runs. Only crash drills should do this.");
            return;
        }
        running = true;
        thread = new Thread(this::run, "roster-event-sequencer");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        boolean signalled = true; // place what an earlier run left behind at once
        while (running) {
            try {
                if (!backoff.isZero()) {
                    Thread.sleep(backoff.toMillis());
                }
                placeAll(!signalled);
                backoff = Duration.ZERO;
                signalled = signal.await(SWEEP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database is down or the connection broke: nothing is lost, the rows stay pending
                backoff = backoff.isZero() ? Duration.ofMillis(250) : min(backoff.multipliedBy(2), Duration.ofSeconds(5));
                LOG.warn("Placing pending events failed ({}); retrying in {} ms", e.getClass().getSimpleName(), backoff.toMillis());
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void linkPending() {
        if (enabled) {
            placeAll(false);
        }
    }

    /**
     * Places batches until none is full. On a sweep (no commit signalled) it also reads the feed's end, so that long
     * polls on this instance learn of events another instance placed.
     */
    private void placeAll(boolean sweep) {
        placing.lock();
        try {
            boolean more = true;
            boolean any = false;
            while (more) {
                int[] counts = transactions.execute(TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW), status -> {
                    jdbc.prepareStatement("SELECT id FROM event_sequencer_lock WHERE id = 1 FOR UPDATE", statement -> {
                        try (ResultSet row = statement.executeQuery()) {
                            return row.next();
                        }
                    });
                    int[] placedPerStore = new int[stores.size()];
                    for (int i = 0; i < stores.size(); i++) {
                        placedPerStore[i] = stores.get(i).placePending(BATCH);
                    }
                    return placedPerStore;
                });
                more = false;
                for (int count : counts) {
                    any |= count > 0;
                    more |= count == BATCH;
                }
            }
            if (any || sweep || lastPosition < 0) {
                publish(transactions.execute(TransactionDefinition.READ_ONLY, status -> feed.lastPosition()));
            }
        } finally {
            placing.unlock();
        }
    }

    private void publish(long position) {
        synchronized (placed) {
            if (position != lastPosition) { // lower only when the feed was emptied behind our back (tests)
                lastPosition = position;
                placed.notifyAll();
            }
        }
    }

    @Override
    public boolean awaitBeyond(long position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (placed) {
            while (lastPosition <= position) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    placed.wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
