package dev.roster.adapters.out.persistence.jdbc.stats;

import dev.roster.adapters.out.persistence.jdbc.ReplicaReads;
import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import dev.roster.application.port.out.stats.TimeRange;
import dev.roster.application.port.out.stats.UserStatistics;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserStatus;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.EnumMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@link UserStatistics} in SQL that H2 and PostgreSQL answer alike. Named "storage": the cache in front of it is the primary bean.
 * Every read joins the caller's transaction or reads in its own, on the read replica when one is configured
 * ({@link ReplicaReads}, ADR 0024).
 */
@Singleton
@Named("storage")
final class JdbcUserStatistics implements UserStatistics {
    private static final int RANGES_PER_STATEMENT = 500;

    private final ReplicaReads reads;

    JdbcUserStatistics(ReplicaReads reads) {
        this.reads = reads;
    }

    /**
     * One statement per {@value #RANGES_PER_STATEMENT} ranges: a VALUES list of the ranges, each counted by a scalar
     * subquery that is an index-only range scan of {@code (created_at, id)}: the same rows the raw {@code GROUP BY}
     * reads, and only one number per range comes back. Joins the caller's transaction or reads in its own (the
     * service asks without one, so that answers from the cache in front need no connection).
     */
    @Override
    public long[] signups(List<TimeRange> ranges) {
        return reads.read(source -> count(source.jdbc(), ranges));
    }

    private static long[] count(JdbcOperations jdbc, List<TimeRange> ranges) {
        long[] counts = new long[ranges.size()];
        for (int from = 0; from < ranges.size(); from += RANGES_PER_STATEMENT) {
            int first = from;
            List<TimeRange> chunk = ranges.subList(from, Math.min(ranges.size(), from + RANGES_PER_STATEMENT));
            String sql = "SELECT r.i, (SELECT COUNT(*) FROM users u WHERE u.created_at >= r.s AND u.created_at < r.e) FROM (VALUES "
                    + String.join(", ", Collections.nCopies(chunk.size(),
                    "(CAST(? AS INT), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE))")) + ") AS r(i, s, e)";
            jdbc.prepareStatement(sql, statement -> {
                int index = 1;
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setInt(index++, i);
                    statement.setObject(index++, SqlTimestamps.of(chunk.get(i).from()));
                    statement.setObject(index++, SqlTimestamps.of(chunk.get(i).to()));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        counts[first + rows.getInt(1)] = rows.getLong(2);
                    }
                }
                return null;
            });
        }
        return counts;
    }

    @Override
    public Map<UserStatus, Long> countByStatus() {
        return reads.read(source -> source.jdbc().prepareStatement("SELECT status, COUNT(*) FROM users GROUP BY status", statement -> {
            Map<UserStatus, Long> counts = new EnumMap<>(UserStatus.class);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(UserStatus.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        }));
    }

    @Override
    public Map<Role, Long> countByRole() {
        return reads.read(source -> source.jdbc().prepareStatement("SELECT role, COUNT(*) FROM user_roles GROUP BY role", statement -> {
            Map<Role, Long> counts = new EnumMap<>(Role.class);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(Role.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        }));
    }
}
