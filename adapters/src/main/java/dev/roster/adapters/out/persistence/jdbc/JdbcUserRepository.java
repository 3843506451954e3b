package dev.roster.adapters.out.persistence.jdbc;

import dev.roster.application.port.out.UserRepository;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.EmailAlreadyTakenException;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserSnapshot;
import dev.roster.domain.user.UserVersionConflictException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link UserRepository} on Micronaut Data JDBC: the aggregate spans {@code users}, {@code user_roles} and {@code user_attributes}. */
@Singleton
final class JdbcUserRepository implements UserRepository {
    private final UserRowRepository rows;
    private final UserRowLoader loader;
    private final JdbcOperations jdbc;

    JdbcUserRepository(UserRowRepository rows, UserRowLoader loader, JdbcOperations jdbc) {
        this.rows = rows;
        this.loader = loader;
        this.jdbc = jdbc;
    }

    @Override
    public void add(User user) {
        UserSnapshot snapshot = user.snapshot();
        try {
            rows.save(UserRowMapper.toRow(snapshot));
        } catch (DataAccessException e) {
            throw translate(e);
        }
        insertChildren(snapshot);
    }

    @Override
    public Optional<User> findById(UserId id) {
        return rows.findById(id.value()).map(this::toUser);
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return rows.findByEmailCanonical(email.canonical()).map(this::toUser);
    }

    @Override
    public long update(User user) {
        UserSnapshot snapshot = user.snapshot();
        UserRow updated;
        try {
            updated = rows.update(UserRowMapper.toRow(snapshot));
        } catch (OptimisticLockException e) {
            throw new UserVersionConflictException(user.id());
        } catch (DataAccessException e) {
            throw translate(e);
        }
        rows.deleteRoles(snapshot.id().value());
        rows.deleteAttributes(snapshot.id().value());
        insertChildren(snapshot);
        return updated.version();
    }

    @Override
    public void recordLogin(UserId id, Instant at) {
        jdbc.prepareStatement("UPDATE users SET last_login_at = ? WHERE id = ?", statement -> {
            statement.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            statement.setObject(2, id.value());
            return statement.executeUpdate();
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
