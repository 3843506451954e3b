package dev.roster.adapters.out.persistence.jdbc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read replica ({@code datasources.replica}, only when its URL is set) and what Roster knows of it: whether it
 * answers (a circuit: a connection failure marks it down, and only the probe marks it up again, so a dead replica
 * costs no connect timeout per request), how far it lags, and the reads it served or sent to the primary
 * (ADR 0024). The probe runs every {@code roster.replica.probe-interval}.
 */
@Singleton
@Requires(property = "datasources.replica.url")
final class Replica {
    static final String NAME = "replica";
    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);
    /**
     * Seconds the replica's data is behind: 0 when it has replayed everything its WAL receiver got and that receiver is
     * streaming, else the age of the last replayed transaction (which also grows while the primary is idle, so it
     * errs on the side of "stale"); 0 for a database that is not in recovery.
     */
    private static final String LAG = "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0 "
            + "WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() "
            + "AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0 "
            + "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END";

    private final TransactionOperations<Connection> transactions;
    private final JdbcOperations jdbc;
    private final Duration maxLag;
    private final Counter reads;
    private final MeterRegistry registry;
    private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();
    private volatile boolean up = true;
    private volatile double lagSeconds;

    Replica(@Named(NAME) TransactionOperations<Connection> transactions, @Named(NAME) JdbcOperations jdbc,
            ReplicaProperties properties, MeterRegistry registry) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.maxLag = properties.maxLag();
        this.registry = registry;
        this.reads = Counter.builder("roster.replica.reads").description("Reads served by the read replica").register(registry);
        Gauge.builder("roster.replica.up", () -> up ? 1 : 0)
                .description("1 while the read replica answers, 0 while its reads go to the primary").register(registry);
        Gauge.builder("roster.replica.lag.seconds", () -> lagSeconds)
                .description("How far the read replica's data is behind the primary, as of the last probe").register(registry);
        for (ReplicaReads.Fallback reason : ReplicaReads.Fallback.values()) {
            fallback(reason); // every reason at 0 from the start, so a rate over it is defined
        }
    }

    TransactionOperations<Connection> transactions() {
        return transactions;
    }

    JdbcOperations jdbc() {
        return jdbc;
    }

    /** Whether reads may go to the replica now: it answered the last time, and it lags less than the bound. */
    ReplicaReads.Fallback refusal() {
        if (!up) {
            return ReplicaReads.Fallback.UNAVAILABLE;
        }
        if (lagSeconds > maxLag.toMillis() / 1000.0) {
            return ReplicaReads.Fallback.LAGGING;
        }
        return null;
    }

    boolean up() {
        return up;
    }

    double lagSeconds() {
        return lagSeconds;
    }

    void served() {
        reads.increment();
    }

    void fellBack(ReplicaReads.Fallback reason) {
        fallback(reason).increment();
    }

    double fallbacks() {
        return fallbacks.values().stream().mapToDouble(Counter::count).sum();
    }

    /** A read failed to reach the replica: reads go to the primary until the probe reaches it again. */
    void markDown() {
        if (up) {
            up = false;
            LOG.warn("read replica unreachable: its reads go to the primary until it answers again");
        }
    }

    /** Asks the replica how far behind it is; marks it up or down by whether it answers. */
    @Scheduled(fixedDelay = "${roster.replica.probe-interval:5s}", initialDelay = "0s")
    void probe() {
        try {
            double lag = transactions.executeRead(status -> jdbc.prepareStatement(LAG, statement -> {
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return row.getDouble(1);
                }
            }));
            lagSeconds = Math.max(0, lag);
            if (!up) {
                up = true;
                LOG.info("read replica reachable again: list, count, statistics and export reads go to it");
            }
        } catch (RuntimeException e) {
            if (ReplicaReads.failureOf(e) != ReplicaReads.Failure.CONNECTION) {
                // e.g. not a PostgreSQL: nothing can say how far it lags, so it serves nothing
                LOG.warn("read replica probe failed ({}); the replica is treated as unreachable", e.getClass().getSimpleName());
            }
            markDown();
        }
    }

    private Counter fallback(ReplicaReads.Fallback reason) {
        return fallbacks.computeIfAbsent(reason.tag(), tag -> Counter.builder("roster.replica.fallbacks")
                .description("Reads meant for the read replica that the primary served, by reason")
                .tag("reason", tag).register(registry));
    }
}
