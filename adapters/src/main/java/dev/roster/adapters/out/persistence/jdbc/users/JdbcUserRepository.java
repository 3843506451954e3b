package dev.roster.adapters.out.persistence.jdbc.users;

import dev.roster.adapters.out.persistence.jdbc.SqlStates;
import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.EmailAlreadyTakenException;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserSnapshot;
import dev.roster.domain.user.UserVersionConflictException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@link UserRepository} on Micronaut Data JDBC: the aggregate spans {@code users}, {@code user_roles} and {@code user_attributes}. */
@Singleton
@Named("storage")
final class JdbcUserRepository implements UserRepository {
    /** Rows per multi-row insert (and emails per IN list): 500 users are 7,500 parameters, far below any driver's limit. */
    private static final int ROWS_PER_INSERT = 500;

    private final UserRowLoader loader;
    private final JdbcOperations jdbc;

    JdbcUserRepository(UserRowLoader loader, JdbcOperations jdbc) {
        this.loader = loader;
        this.jdbc = jdbc;
    }

    @Override
    public void add(User user) {
        UserSnapshot snapshot = user.snapshot();
        Object[] values = UsersTable.insertValues(UserRowMapper.toRow(snapshot));
        try {
            jdbc.prepareStatement(UsersTable.INSERT, statement -> {
                for (int i = 0; i < values.length; i++) {
                    statement.setObject(i + 1, values[i]);
                }
                return statement.executeUpdate();
            });
        } catch (DataAccessException e) {
            throw translate(e);
        }
        insertChildren(snapshot);
    }

    /**
     * Multi-row {@code INSERT ... VALUES (...), (...)} statements of up to {@value #ROWS_PER_INSERT} rows per table:
     * one round trip per chunk on every driver (PostgreSQL's JDBC batches are one round trip per row unless the
     * URL asks it to rewrite them).
     */
    @Override
    public void addAll(List<User> users) {
        List<UserSnapshot> snapshots = users.stream().map(User::snapshot).toList();
        List<Object[]> userValues = new ArrayList<>(snapshots.size());
        List<Object[]> roleValues = new ArrayList<>(snapshots.size());
        List<Object[]> attributeValues = new ArrayList<>();
        for (UserSnapshot snapshot : snapshots) {
            UserRow row = UserRowMapper.toRow(snapshot);
            userValues.add(UsersTable.insertValues(row));
            for (Role role : snapshot.roles()) {
                roleValues.add(new Object[] {row.id(), role.name()});
            }
            for (Map.Entry<String, String> attribute : snapshot.attributes().asMap().entrySet()) {
                attributeValues.add(new Object[] {row.id(), attribute.getKey(), attribute.getValue()});
            }
        }
        try {
            insertRows(UsersTable.INSERT_COLUMNS, userValues);
        } catch (DataAccessException e) {
            throw translate(e);
        }
        insertRows("user_roles (user_id, role)", roleValues);
        insertRows("user_attributes (user_id, attr_key, attr_value)", attributeValues);
    }

    private void insertRows(String table, List<Object[]> values) {
        for (int from = 0; from < values.size(); from += ROWS_PER_INSERT) {
            List<Object[]> chunk = values.subList(from, Math.min(values.size(), from + ROWS_PER_INSERT));
            int columns = chunk.get(0).length;
            String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
            String sql = "INSERT INTO " + table + " VALUES " + String.join(", ", Collections.nCopies(chunk.size(), row));
            jdbc.prepareStatement(sql, statement -> {
                int index = 1;
                for (Object[] cells : chunk) {
                    for (Object cell : cells) {
                        statement.setObject(index++, cell);
                    }
                }
                return statement.executeUpdate();
            });
        }
    }

    /**
     * One probe of the unique index per email, in one statement: a scalar subquery per row of a VALUES list. (Asked
     * as {@code email_canonical IN (...)}, PostgreSQL's planner prefers the trigram GIN index for the list, which
     * took 6 s instead of 2 ms for 500 emails.)
     */
    @Override
    public Set<String> takenEmails(Collection<Email> emails) {
        List<String> canonical = emails.stream().map(Email::canonical).distinct().toList();
        Set<String> taken = new HashSet<>();
        for (int from = 0; from < canonical.size(); from += ROWS_PER_INSERT) {
            List<String> chunk = canonical.subList(from, Math.min(canonical.size(), from + ROWS_PER_INSERT));
            String sql = "SELECT v.e, (SELECT u.id FROM users u WHERE u.email_canonical = v.e) FROM (VALUES "
                    + String.join(", ", Collections.nCopies(chunk.size(), "(CAST(? AS VARCHAR(1024)))")) + ") AS v(e)";
            jdbc.prepareStatement(sql, statement -> {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 1, chunk.get(i));
                }
                try (ResultSet found = statement.executeQuery()) {
                    while (found.next()) {
                        if (found.getObject(2) != null) {
                            taken.add(found.getString(1));
                        }
                    }
                }
                return null;
            });
        }
        return taken;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return UsersTable.findOne(jdbc, UsersTable.BY_ID, id.value()).map(this::toUser);
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return UsersTable.findOne(jdbc, UsersTable.BY_EMAIL_CANONICAL, email.canonical()).map(this::toUser);
    }

    @Override
    public long update(User user) {
        UserSnapshot snapshot = user.snapshot();
        UserRow row = UserRowMapper.toRow(snapshot);
        int updated;
        try {
            updated = jdbc.prepareStatement(UsersTable.UPDATE, statement -> {
                UsersTable.bindUpdate(statement, row);
                return statement.executeUpdate();
            });
        } catch (DataAccessException e) {
            throw translate(e);
        }
        if (updated == 0) {
            throw new UserVersionConflictException(user.id());
        }
        deleteChildren(snapshot.id().value());
        insertChildren(snapshot);
        return snapshot.version() + 1;
    }

    @Override
    public void recordLogin(UserId id, Instant at) {
        jdbc.prepareStatement("UPDATE users SET last_login_at = ? WHERE id = ?", statement -> {
            statement.setObject(1, SqlTimestamps.of(at));
            statement.setObject(2, id.value());
            return statement.executeUpdate();
        });
    }

    @Override
    public boolean delete(UserId id) {
        deleteChildren(id.value());
        return jdbc.prepareStatement("DELETE FROM users WHERE id = ?", statement -> {
            statement.setObject(1, id.value());
            return statement.executeUpdate() > 0;
        });
    }

    @Override
    public List<UserId> lockDeletedBefore(Instant cutoff, int limit) {
        return jdbc.prepareStatement("SELECT id FROM users WHERE status = 'DELETED' AND deleted_at < ? "
                + "AND legal_hold = FALSE ORDER BY deleted_at, id LIMIT ? FOR UPDATE SKIP LOCKED", statement -> {
            statement.setObject(1, SqlTimestamps.of(cutoff));
            statement.setInt(2, limit);
            List<UserId> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(new UserId(rows.getObject(1, UUID.class)));
                }
            }
            return ids;
        });
    }

    @Override
    public long countActiveAdminsLocked() {
        jdbc.prepareStatement("SELECT id FROM admin_guard WHERE id = 1 FOR UPDATE", statement -> {
            try (ResultSet lock = statement.executeQuery()) {
                return lock.next();
            }
        });
        // a new statement after the lock: under READ COMMITTED it sees what the previous lock holder committed
        return jdbc.prepareStatement("SELECT COUNT(*) FROM users u WHERE u.status = 'ACTIVE' AND EXISTS "
                + "(SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'ADMIN')", statement -> {
            try (ResultSet count = statement.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        });
    }

    private User toUser(UserRow row) {
        return User.rehydrate(loader.complete(List.of(row)).get(0));
    }

    private void deleteChildren(UUID id) {
        for (String table : List.of("user_roles", "user_attributes")) {
            jdbc.prepareStatement("DELETE FROM " + table + " WHERE user_id = ?", statement -> {
                statement.setObject(1, id);
                return statement.executeUpdate();
            });
        }
    }

    private void insertChildren(UserSnapshot user) {
        UUID id = user.id().value();
        jdbc.prepareStatement("INSERT INTO user_roles (user_id, role) VALUES (?, ?)", statement -> {
            for (Role role : user.roles()) {
                statement.setObject(1, id);
                statement.setString(2, role.name());
                statement.addBatch();
            }
            return statement.executeBatch();
        });
        if (!user.attributes().isEmpty()) {
            jdbc.prepareStatement("INSERT INTO user_attributes (user_id, attr_key, attr_value) VALUES (?, ?, ?)", statement -> {
                for (Map.Entry<String, String> attribute : user.attributes().asMap().entrySet()) {
                    addAttribute(statement, id, attribute);
                }
                return statement.executeBatch();
            });
        }
    }

    private static void addAttribute(PreparedStatement statement, UUID id, Map.Entry<String, String> attribute) throws java.sql.SQLException {
        statement.setObject(1, id);
        statement.setString(2, attribute.getKey());
        statement.setString(3, attribute.getValue());
        statement.addBatch();
    }

    private static RuntimeException translate(DataAccessException e) {
        if (SqlStates.isUniqueViolation(e)) {
            return new EmailAlreadyTakenException(); // the only unique key a user row has besides its id
        }
        return e;
    }
}
