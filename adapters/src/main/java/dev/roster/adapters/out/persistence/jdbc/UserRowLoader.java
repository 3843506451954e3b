package dev.roster.adapters.out.persistence.jdbc;

import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserSnapshot;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Completes {@code users} rows with their roles and attributes: two queries per batch of rows, never one per row. */
@Singleton
final class UserRowLoader {
    private final UserRowRepository rows;

    UserRowLoader(UserRowRepository rows) {
        this.rows = rows;
    }

    List<UserSnapshot> complete(List<UserRow> userRows) {
        if (userRows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = userRows.stream().map(UserRow::id).toList();
        Map<UUID, EnumSet<Role>> roles = new HashMap<>();
        for (UserRoleRow role : rows.findRoles(ids)) {
            roles.computeIfAbsent(role.userId(), id -> EnumSet.noneOf(Role.class)).add(Role.valueOf(role.role()));
        }
        Map<UUID, Map<String, String>> attributes = new HashMap<>();
        for (UserAttributeRow attribute : rows.findAttributes(ids)) {
            attributes.computeIfAbsent(attribute.userId(), id -> new TreeMap<>()).put(attribute.attrKey(), attribute.attrValue());
        }
        List<UserSnapshot> snapshots = new ArrayList<>(userRows.size());
        for (UserRow row : userRows) {
            snapshots.add(UserRowMapper.toSnapshot(row,
                    roles.getOrDefault(row.id(), EnumSet.noneOf(Role.class)),
                    attributes.getOrDefault(row.id(), Map.of())));
        }
        return snapshots;
    }
}
