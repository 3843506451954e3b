package dev.roster.adapters.out.persistence.jdbc;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the reads that may be stale (lists, searches, counts, statistics, export pages) on the read replica when one is
 * configured, and every other way on the primary (ADR 0024):
 * <ul>
 *   <li>inside a transaction of the primary, the read joins it: a caller that opened a transaction reads what that
 *       transaction sees, never a mix of two databases;</li>
 *   <li>otherwise, in a read-only transaction of the replica, unless the replica is down or lags more than
 *       {@code roster.replica.max-lag}: then on the primary, counted in {@code roster_replica_fallbacks_total};</li>
 *   <li>a replica read that fails for want of a connection (SQLSTATE class 08 or 57P, no connection from the pool, a
 *       connection that broke when the transaction began)
 *       marks the replica down and runs again on the primary; one cancelled by a recovery conflict of the standby
 *       (40001, 40P01) runs again on the primary and leaves the replica up; any other error is the caller's, as it
 *       would be on the primary.</li>
 * </ul>
 * Without a replica every read runs on the primary exactly as {@code TransactionOperations.executeRead} would.
 */
@Singleton
public final class ReplicaReads {
    /** Where a read runs: the operations of that database, and whether it is the replica (which may lag). */
    public record Source(JdbcOperations jdbc, boolean replica) {
    }

    /** Why a read meant for the replica was served by the primary (the {@code reason} tag of the fallback counter). */
    enum Fallback {
        /** the replica did not answer, now or at the last probe */
        UNAVAILABLE,
        /** the replica lagged more than {@code roster.replica.max-lag} at the last probe */
        LAGGING,
        /** the standby cancelled the read to replay WAL (recovery conflict) */
        CONFLICT,
        /** the replica does not have yet what the request names (e.g. a cursor's user) */
        BEHIND;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    enum Failure { CONNECTION, CONFLICT, OTHER }

    /**
     * Thrown by a read on the replica that finds the replica behind the request (a page cursor naming a user the
     * replica does not have yet): the read runs again on the primary.
     */
    public static final class ReplicaBehindException extends RuntimeException {
        public ReplicaBehindException() {
            super("the read replica is behind this request", null, false, false);
        }
    }

    private final TransactionOperations<Connection> primaryTransactions;
    private final Source primary;
    private final Replica replica;
    private final Source onReplica;

    ReplicaReads(TransactionOperations<Connection> primaryTransactions, JdbcOperations primaryJdbc, Optional<Replica> replica) {
        this.primaryTransactions = primaryTransactions;
        this.primary = new Source(primaryJdbc, false);
        this.replica = replica.orElse(null);
        this.onReplica = replica.map(r -> new Source(r.jdbc(), true)).orElse(null);
    }

    /** Whether a replica is configured at all. */
    public boolean configured() {
        return replica != null;
    }

    /** Runs {@code read} where the class comment says; it may run twice (first on the replica), so it must only read. */
    public <T> T read(Function<Source, T> read) {
        if (replica == null || primaryTransactions.findTransactionStatus().isPresent()) {
            return onPrimary(read);
        }
        if (replica.transactions().findTransactionStatus().isPresent()) {
            return read.apply(onReplica); // a read within a replica read: the outer one handles failures
        }
        Fallback refusal = replica.refusal();
        if (refusal != null) {
            return fallBack(refusal, read);
        }
        try {
            T result = replica.transactions().executeRead(status -> read.apply(onReplica));
            replica.served();
            return result;
        } catch (ReplicaBehindException e) {
            return fallBack(Fallback.BEHIND, read);
        } catch (RuntimeException e) {
            Failure failure = failureOf(e);
            if (failure == Failure.CONNECTION) {
                replica.markDown();
                return fallBack(Fallback.UNAVAILABLE, read);
            }
            if (failure == Failure.CONFLICT) {
                return fallBack(Fallback.CONFLICT, read);
            }
            throw e;
        }
    }

    private <T> T fallBack(Fallback reason, Function<Source, T> read) {
        replica.fellBack(reason);
        return onPrimary(read);
    }

    private <T> T onPrimary(Function<Source, T> read) {
        return primaryTransactions.executeRead(status -> read.apply(primary));
    }

    /** What kind of failure an exception of a replica read is, from the SQLSTATEs and exception types in its causes. */
    static Failure failureOf(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return Failure.CONNECTION; // Hikari's "connection is not available" carries no SQLSTATE of its own
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return Failure.CONNECTION;
                }
                if (state.equals("40001") || state.equals("40P01")) {
                    return Failure.CONFLICT;
                }
            }
            if (t instanceof ConnectionException) {
                return Failure.CONNECTION; // Micronaut's: no connection could be had, or it broke at the transaction's start
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException) {
                return Failure.CONNECTION;
            }
        }
        return Failure.OTHER;
    }
}
