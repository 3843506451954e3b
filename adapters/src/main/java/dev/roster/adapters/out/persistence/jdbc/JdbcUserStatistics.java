package dev.roster.adapters.out.persistence.jdbc;

import dev.roster.application.port.out.UserStatistics;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserStatus;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link UserStatistics} in SQL that H2 and PostgreSQL answer alike: epoch seconds over 900 give the quarter hour,
 * an index range on {@code created_at} bounds the scan. Named "storage": the cache in front of it is the primary bean.
 */
@Singleton
@Named("storage")
final class JdbcUserStatistics implements UserStatistics {
    private final JdbcOperations jdbc;

    JdbcUserStatistics(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Long, Long> signupsPerQuarterHour(Instant from, Instant to) {
        return jdbc.prepareStatement("SELECT FLOOR(EXTRACT(EPOCH FROM created_at) / 900) AS bucket, COUNT(*) FROM users "
                + "WHERE created_at >= ? AND created_at < ? GROUP BY bucket", statement -> {
            statement.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            statement.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            Map<Long, Long> buckets = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    buckets.put(rows.getLong(1), rows.getLong(2));
                }
            }
            return buckets;
        });
    }

    @Override
    public Map<UserStatus, Long> countByStatus() {
        return jdbc.prepareStatement("SELECT status, COUNT(*) FROM users GROUP BY status", statement -> {
            Map<UserStatus, Long> counts = new EnumMap<>(UserStatus.class);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(UserStatus.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    @Override
    public Map<Role, Long> countByRole() {
        return jdbc.prepareStatement("SELECT role, COUNT(*) FROM user_roles GROUP BY role", statement -> {
            Map<Role, Long> counts = new EnumMap<>(Role.class);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(Role.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        });
    }
}
