package dev.roster.adapters.out.persistence.jdbc;

import io.micronaut.data.connection.exceptions.ConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** How a failed replica read is judged: connection failures mark the replica down, recovery conflicts do not. */
class ReplicaReadsTest {

    private static RuntimeException wrapped(Throwable cause) {
        return new RuntimeException("outer", new IllegalStateException("middle", cause));
    }

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08003", "08006", "57P01", "57P02", "57P03"})
    void connectionAndShutdownStatesAreConnectionFailures(String state) {
        assertThat(ReplicaReads.failureOf(wrapped(new SQLException("lost", state)))).isEqualTo(ReplicaReads.Failure.CONNECTION);
    }

    @Test
    void aPoolTimeoutWithoutAStateIsAConnectionFailure() {
        assertThat(ReplicaReads.failureOf(wrapped(new SQLTransientConnectionException("HikariPool - Connection is not available"))))
                .isEqualTo(ReplicaReads.Failure.CONNECTION);
        assertThat(ReplicaReads.failureOf(new ConnectionException("no connection"))).isEqualTo(ReplicaReads.Failure.CONNECTION);
        assertThat(ReplicaReads.failureOf(wrapped(new java.net.ConnectException("refused")))).isEqualTo(ReplicaReads.Failure.CONNECTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"40001", "40P01"})
    void recoveryConflictsAreConflicts(String state) {
        assertThat(ReplicaReads.failureOf(wrapped(new SQLException("canceling statement due to conflict with recovery", state))))
                .isEqualTo(ReplicaReads.Failure.CONFLICT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42P01", "42703", "22P02", "57014"})
    void otherErrorsAreTheCallers(String state) {
        assertThat(ReplicaReads.failureOf(wrapped(new SQLException("bad", state)))).isEqualTo(ReplicaReads.Failure.OTHER);
        assertThat(ReplicaReads.failureOf(new IllegalArgumentException("no SQL at all"))).isEqualTo(ReplicaReads.Failure.OTHER);
    }

    @Test
    void aSelfCausedExceptionEnds() {
        SQLException looping = new SQLException("loop", "XX000") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertThat(ReplicaReads.failureOf(looping)).isEqualTo(ReplicaReads.Failure.OTHER);
    }
}
