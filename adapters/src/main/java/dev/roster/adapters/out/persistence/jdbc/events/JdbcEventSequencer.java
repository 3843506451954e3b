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
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link EventSequencer} (ADR 0018): one background thread per instance that, right after each commit that left
 * pending events (and every second in any case), takes the row of {@code event_sequencer_lock} and lets each
 * {@link PendingEvents} store place its committed pending rows, in one short transaction per batch. Only the
 * sequencer ever waits for that lock, so writers never queue behind each other's commits; on several instances the
 * lock lets one place at a time.
 *
 * <p>On PostgreSQL a placing transaction that placed anything also sends {@code NOTIFY roster_feed} with the feed's
 * new end as payload; PostgreSQL delivers it when that transaction commits, to every instance listening (ADR 0025:
 * that is how the other instances learn of the change within milliseconds and evict what they cached).
 *
 * <p>{@code roster.events.sequencer.enabled=false} stops it, as if the process had died right after its commits:
 * for crash drills and their tests only. Nothing is placed then, not even on a read.
 */
@Context // starts with the application: it places what a crash left pending
final class JdbcEventSequencer implements EventSequencer {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventSequencer.class);
    private static final int BATCH = 1_000;
    private static final Duration SWEEP = Duration.ofSeconds(1);
    /** The channel on which placements are announced (ADR 0025). */
    static final String CHANNEL = "roster_feed";

    private final List<PendingEvents> stores;
    private final JdbcChangeEventLog feed;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final PendingEventsSignal signal;
    private final boolean enabled;
    private final ReentrantLock placing = new ReentrantLock();
    private final Object placed = new Object();
    private volatile long lastPosition = -1;
    private final BackgroundThread worker = new BackgroundThread("roster-event-sequencer");
    private volatile Boolean postgres;

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
        worker.start(this::run);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.stop();
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        while (worker.running()) {
            try {
                if (!backoff.isZero()) {
                    Thread.sleep(backoff.toMillis());
                }
                placeAll();
                backoff = Duration.ZERO;
                signal.await(SWEEP); // right after a commit, or a sweep: whatever an earlier run or instance left
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
        if (!enabled) {
            return;
        }
        if (transactions.findTransactionStatus().isPresent()) {
            // Called inside a transaction (an erasure run within a privacy request's transaction, say): what it wrote
            // is not committed, so there is nothing of it to place yet, and placing in a new transaction could wait
            // for a lock this very transaction holds (an erasure holds the sequencer's lock while it clears client
            // addresses): a deadlock with itself. Its commit wakes the sequencer thread, which places its events.
            return;
        }
        placeAll();
    }

    /**
     * Places batches until none is full, then tells waiting long polls where the feed ends now (which also lets them
     * learn, on a sweep, of events another instance placed).
     */
    private void placeAll() {
        placing.lock();
        try {
            boolean more = true;
            long end = -1;
            while (more) {
                long[] counts = transactions.execute(TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW), status -> {
                    jdbc.prepareStatement("SELECT id FROM event_sequencer_lock WHERE id = 1 FOR UPDATE", statement -> {
                        try (ResultSet row = statement.executeQuery()) {
                            return row.next();
                        }
                    });
                    long[] placedPerStore = new long[stores.size() + 1];
                    for (int i = 0; i < stores.size(); i++) {
                        placedPerStore[i] = stores.get(i).placePending(BATCH);
                    }
                    // the feed's end as this transaction leaves it (we hold the lock: nobody else moves it)
                    long feedEnd = feed.lastPosition();
                    placedPerStore[stores.size()] = feedEnd;
                    if (Arrays.stream(placedPerStore, 0, stores.size()).anyMatch(count -> count > 0) && isPostgres()) {
                        announce(feedEnd); // delivered at this transaction's commit, to every listening instance
                    }
                    return placedPerStore;
                });
                more = false;
                for (int i = 0; i < stores.size(); i++) {
                    more |= counts[i] == BATCH;
                }
                end = counts[stores.size()];
            }
            publish(end); // also on a sweep: another instance may have moved the feed on
        } finally {
            placing.unlock();
        }
    }

    private boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try {
                known = "PostgreSQL".equalsIgnoreCase(jdbc.getConnection().getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot tell which database this is", e);
            }
            postgres = known;
        }
        return known;
    }

    private void announce(long feedEnd) {
        jdbc.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)", statement -> {
            statement.setString(1, Long.toString(feedEnd));
            try (ResultSet ignored = statement.executeQuery()) {
                return null;
            }
        });
    }

    @Override
    public void feedReached(long position) {
        synchronized (placed) {
            if (position > lastPosition) {
                lastPosition = position;
                placed.notifyAll();
            }
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
