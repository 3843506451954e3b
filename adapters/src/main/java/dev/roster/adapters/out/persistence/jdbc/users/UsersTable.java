package dev.roster.adapters.out.persistence.jdbc.users;

import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code users} table in one place: its column list, the statements every adapter builds from it, and the
 * mapping between a result-set row and a {@link UserRow}. Every statement over {@code users} is hand-written JDBC
 * (ADR 0014): rows are read by position from the column list below, never with {@code SELECT *}.
 */
final class UsersTable {
    /** The columns, in the order of {@link #SELECT_COLUMNS}, {@link #INSERT_COLUMNS} and {@link #insertValues(UserRow)}. */
    private static final List<String> COLUMNS = List.of("id", "email", "email_canonical", "display_name",
            "display_name_lower", "phone", "password_hash", "status", "active", "created_at", "updated_at",
            "last_login_at", "deleted_at", "anonymized_at", "version", "session_generation", "legal_hold", "erasure_receipt_id",
            "restricted");

    /** {@code u.id, u.email, ...}: what {@link #read(ResultSet)} reads, for a query over {@code users u}. */
    static final String SELECT_COLUMNS = COLUMNS.stream().map(column -> "u." + column).collect(Collectors.joining(", "));

    /** {@code users (id, email, ...)}: the target of an insert of {@link #insertValues(UserRow)}. */
    static final String INSERT_COLUMNS = "users (" + String.join(", ", COLUMNS) + ")";

    /**
     * Version-checked; writes neither {@code id} and {@code created_at} (immutable) nor {@code last_login_at}, which
     * only a login writes, so an update based on a copy loaded before a login cannot erase that login.
     * <p>The email key is written from the row, except that a user whose email does not change keeps its stored key
     * while another user holds the computed one: an account the V7 migration left on its previous key because of a
     * look-alike (ADR 0005) stays writable, and gets its key with its first write after the other one lets it go.
     */
    static final String UPDATE = "UPDATE users SET email = ?, email_canonical = CASE WHEN email = ? AND EXISTS "
            + "(SELECT 1 FROM users o WHERE o.email_canonical = ? AND o.id <> users.id) THEN email_canonical ELSE ? END, display_name = ?, "
            + "display_name_lower = ?, phone = ?, password_hash = ?, status = ?, active = ?, updated_at = ?, "
            + "deleted_at = ?, anonymized_at = ?, session_generation = ?, legal_hold = ?, erasure_receipt_id = ?, "
            + "restricted = ?, version = version + 1 WHERE id = ? AND version = ?";

    /** One new row: {@link #insertValues(UserRow)} bound in order. */
    static final String INSERT = "INSERT INTO " + INSERT_COLUMNS + " VALUES ("
            + String.join(", ", Collections.nCopies(COLUMNS.size(), "?")) + ")";

    private static final String SELECT_WHERE = "SELECT " + SELECT_COLUMNS + " FROM users u WHERE ";
    static final String BY_ID = "u.id = ?";
    static final String BY_EMAIL_CANONICAL = "u.email_canonical = ?";

    private UsersTable() {
    }

    /** The row's cells in column order for an insert, timestamps as the drivers bind them; a new row is at version 0. */
    static Object[] insertValues(UserRow row) {
        return new Object[] {row.id(), row.email(), row.emailCanonical(), row.displayName(), row.displayNameLower(),
                row.phone(), row.passwordHash(), row.status(), row.active(), SqlTimestamps.of(row.createdAt()),
                SqlTimestamps.of(row.updatedAt()), SqlTimestamps.of(row.lastLoginAt()), SqlTimestamps.of(row.deletedAt()),
                SqlTimestamps.of(row.anonymizedAt()), 0L, row.sessionGeneration(), row.legalHold(), row.erasureReceiptId(),
                row.restricted()};
    }

    /** Binds {@link #UPDATE}'s parameters for {@code row}, expecting the version it was loaded with. */
    static void bindUpdate(PreparedStatement statement, UserRow row) throws SQLException {
        statement.setString(1, row.email());
        statement.setString(2, row.email());
        statement.setString(3, row.emailCanonical());
        statement.setString(4, row.emailCanonical());
        statement.setString(5, row.displayName());
        statement.setString(6, row.displayNameLower());
        statement.setString(7, row.phone());
        statement.setString(8, row.passwordHash());
        statement.setString(9, row.status());
        statement.setBoolean(10, row.active());
        statement.setObject(11, SqlTimestamps.of(row.updatedAt()));
        statement.setObject(12, SqlTimestamps.of(row.deletedAt()));
        statement.setObject(13, SqlTimestamps.of(row.anonymizedAt()));
        statement.setLong(14, row.sessionGeneration());
        statement.setBoolean(15, row.legalHold());
        statement.setObject(16, row.erasureReceiptId());
        statement.setBoolean(17, row.restricted());
        statement.setObject(18, row.id());
        statement.setLong(19, row.version());
    }

    /** The current row of a query that selected {@link #SELECT_COLUMNS} first. */
    static UserRow read(ResultSet row) throws SQLException {
        return new UserRow(
                row.getObject(1, UUID.class),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getString(8),
                row.getBoolean(9),
                instant(row, 10),
                instant(row, 11),
                instant(row, 12),
                instant(row, 13),
                instant(row, 14),
                row.getLong(15),
                row.getLong(16),
                row.getBoolean(17),
                row.getObject(18, UUID.class),
                row.getBoolean(19));
    }

    /** The one row {@code SELECT <columns> FROM users u WHERE <condition>} finds ({@link #BY_ID}, {@link #BY_EMAIL_CANONICAL}). */
    static Optional<UserRow> findOne(JdbcOperations jdbc, String condition, Object parameter) {
        return jdbc.prepareStatement(SELECT_WHERE + condition, statement -> {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.<UserRow>empty();
            }
        });
    }

    /** Every row of an executed query that selected {@link #SELECT_COLUMNS} first. */
    static List<UserRow> readAll(ResultSet rows, int expected) throws SQLException {
        List<UserRow> result = new ArrayList<>(expected);
        while (rows.next()) {
            result.add(read(rows));
        }
        return result;
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
