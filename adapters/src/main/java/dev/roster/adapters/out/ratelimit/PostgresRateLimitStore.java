package dev.roster.adapters.out.ratelimit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The windows of the shared rate limits in {@code rate_limit_windows} (V15; UNLOGGED on PostgreSQL), one row per
 * bucket: a fixed window that starts at the bucket's first use after the previous one ended, and the permits used in
 * it. Every call is one statement on a pooled connection of its own in auto-commit, so it is outside any transaction
 * of the caller (a rolled-back write does not give an attempt back) and atomic across instances (the row lock of
 * {@code ON CONFLICT DO UPDATE}). Times are the database's ({@code statement_timestamp()}): instance clocks do not
 * matter. PostgreSQL only ({@code ON CONFLICT DO UPDATE}).
 */
final class PostgresRateLimitStore {
    /**
     * Takes a permit: a new or ended window starts with 1, else {@code used} grows up to {@code permits + 1}, which
     * means "refused" (the extra one tells a refusal from taking the last permit without reading the row first).
     */
    private static final String TAKE = """
            INSERT INTO rate_limit_windows AS w (bucket, window_end, used)
            VALUES (?, statement_timestamp() + ? * INTERVAL '1 millisecond', 1)
            ON CONFLICT (bucket) DO UPDATE SET
                used = CASE WHEN w.window_end <= statement_timestamp() THEN 1 ELSE LEAST(w.used + 1, ? + 1) END,
                window_end = CASE WHEN w.window_end <= statement_timestamp() THEN EXCLUDED.window_end ELSE w.window_end END
            RETURNING used, window_end, statement_timestamp()""";
    private static final String READ = """
            SELECT used, window_end, statement_timestamp() FROM rate_limit_windows
            WHERE bucket = ? AND window_end > statement_timestamp()""";
    private static final String DRAIN = """
            INSERT INTO rate_limit_windows AS w (bucket, window_end, used)
            VALUES (?, statement_timestamp() + ? * INTERVAL '1 millisecond', ?)
            ON CONFLICT (bucket) DO UPDATE SET
                used = CASE WHEN w.window_end <= statement_timestamp() THEN EXCLUDED.used ELSE GREATEST(w.used, EXCLUDED.used) END,
                window_end = CASE WHEN w.window_end <= statement_timestamp() THEN EXCLUDED.window_end ELSE w.window_end END""";
    /** Ended windows carry nothing: the next use starts a new one. Batched, and harmless on several instances at once. */
    private static final String DELETE_ENDED = """
            DELETE FROM rate_limit_windows WHERE bucket IN (
                SELECT bucket FROM rate_limit_windows WHERE window_end <= statement_timestamp() LIMIT ?)""";

    private final DataSource dataSource;
    private final int timeoutSeconds;

    /** {@code dataSource} must hand out connections of the pool itself, not the caller's transaction's. */
    PostgresRateLimitStore(DataSource dataSource, Duration timeout) {
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /** A permit taken, or refused with the time until the window ends. */
    record Take(boolean granted, Duration untilWindowEnds) {
    }

    Take take(String bucket, int permits, Duration period) throws SQLException {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(TAKE)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setString(1, bucket);
            statement.setLong(2, period.toMillis());
            statement.setInt(3, permits);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Take(row.getInt(1) <= permits, remaining(row));
            }
        }
    }

    /** The time until the bucket's window ends if it has no permit left, else empty. Takes nothing. */
    Optional<Duration> usedUp(String bucket, int permits) throws SQLException {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(READ)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setString(1, bucket);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getInt(1) >= permits ? Optional.of(remaining(row)) : Optional.empty();
            }
        }
    }

    /** Uses up the bucket's window (a new one if the last ended). */
    void drain(String bucket, int permits, Duration period) throws SQLException {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(DRAIN)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setString(1, bucket);
            statement.setLong(2, period.toMillis());
            statement.setInt(3, permits);
            statement.executeUpdate();
        }
    }

    /** Removes the rows of ended windows, {@code batch} at a time; returns how many. */
    long deleteEnded(int batch) throws SQLException {
        long deleted = 0;
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(DELETE_ENDED)) {
            statement.setInt(1, batch);
            int count;
            do {
                count = statement.executeUpdate();
                deleted += count;
            } while (count == batch);
        }
        return deleted;
    }

    private Connection connection() throws SQLException {
        Connection connection = dataSource.getConnection();
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        return connection;
    }

    /** The window's end minus the database's now, at least 1 ms. */
    private static Duration remaining(ResultSet row) throws SQLException {
        OffsetDateTime end = row.getObject(2, OffsetDateTime.class);
        OffsetDateTime now = row.getObject(3, OffsetDateTime.class);
        Duration remaining = Duration.between(now, end);
        return remaining.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : remaining;
    }
}
