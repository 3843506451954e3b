package dev.roster.adapters.out.persistence.jdbc.users;

import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserSnapshot;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Completes {@code users} rows with their roles and attributes: two queries per batch of rows, never one per row,
 * read straight from the result sets (this runs for every page of a listing and of an export).
 */
@Singleton
final class UserRowLoader {
    private final JdbcOperations jdbc;

    UserRowLoader(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    List<UserSnapshot> complete(List<UserRow> userRows) {
        return complete(jdbc, userRows);
    }

    /** The same, read through {@code jdbc} (the replica's, for a read served there). */
    List<UserSnapshot> complete(JdbcOperations jdbc, List<UserRow> userRows) {
        if (userRows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = userRows.stream().map(UserRow::id).toList();
        String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
        Map<UUID, EnumSet<Role>> roles = new HashMap<>();
        select(jdbc, "SELECT user_id, role FROM user_roles WHERE user_id IN (" + in + ")", ids, row ->
                roles.computeIfAbsent(row.getObject(1, UUID.class), id -> EnumSet.noneOf(Role.class)).add(Role.valueOf(row.getString(2))));
        Map<UUID, Map<String, String>> attributes = new HashMap<>();
        select(jdbc, "SELECT user_id, attr_key, attr_value FROM user_attributes WHERE user_id IN (" + in + ")", ids, row ->
                attributes.computeIfAbsent(row.getObject(1, UUID.class), id -> new TreeMap<>()).put(row.getString(2), row.getString(3)));
        List<UserSnapshot> snapshots = new ArrayList<>(userRows.size());
        for (UserRow row : userRows) {
            snapshots.add(UserRowMapper.toSnapshot(row,
                    roles.getOrDefault(row.id(), EnumSet.noneOf(Role.class)),
                    attributes.getOrDefault(row.id(), Map.of())));
        }
        return snapshots;
    }

    /** What to do with each row of a result. */
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void select(JdbcOperations jdbc, String sql, List<UUID> ids, RowReader reader) {
        jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < ids.size(); i++) {
                statement.setObject(i + 1, ids.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
            return null;
        });
    }
}
