package dev.roster.bootstrap;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test helper: a backup of some users' rows (the user, its roles, attributes, files, legal hold and erasure receipt),
 * taken with plain SQL and put back the same way, as restoring those rows from a database backup would: everything
 * the users have in those tables now is replaced by what they had then. Audit events and the feed are left alone.
 */
public final class RowBackup {
    /** Table and the column naming the user, parents first. */
    private static final List<String[]> TABLES = List.of(new String[] {"users", "id"}, new String[] {"user_roles", "user_id"},
            new String[] {"user_attributes", "user_id"}, new String[] {"user_files", "owner_id"},
            new String[] {"legal_holds", "user_id"}, new String[] {"erasure_receipts", "user_id"});

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final List<UUID> users;
    private final Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();

    private RowBackup(JdbcOperations jdbc, TransactionOperations<Connection> transactions, List<UUID> users) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.users = List.copyOf(users);
    }

    /** Takes the backup now. */
    public static RowBackup of(JdbcOperations jdbc, TransactionOperations<Connection> transactions, List<UUID> users) {
        RowBackup backup = new RowBackup(jdbc, transactions, users);
        transactions.executeRead(status -> {
            for (String[] table : TABLES) {
                backup.rows.put(table[0], backup.select(table[0], table[1]));
            }
            return null;
        });
        return backup;
    }

    /** Puts the rows back as they were when the backup was taken, in one transaction. */
    public void restore() {
        transactions.executeWrite(status -> {
            for (int i = TABLES.size() - 1; i >= 0; i--) {
                String[] table = TABLES.get(i);
                for (UUID user : users) {
                    jdbc.prepareStatement("DELETE FROM " + table[0] + " WHERE " + table[1] + " = ?", statement -> {
                        statement.setObject(1, user);
                        return statement.executeUpdate();
                    });
                }
            }
            for (String[] table : TABLES) {
                for (Map<String, Object> row : rows.get(table[0])) {
                    List<String> columns = new ArrayList<>(row.keySet());
                    String sql = "INSERT INTO " + table[0] + " (" + String.join(", ", columns) + ") VALUES ("
                            + String.join(", ", columns.stream().map(column -> "?").toList()) + ")";
                    jdbc.prepareStatement(sql, statement -> {
                        for (int c = 0; c < columns.size(); c++) {
                            statement.setObject(c + 1, row.get(columns.get(c)));
                        }
                        return statement.executeUpdate();
                    });
                }
            }
            return null;
        });
    }

    private List<Map<String, Object>> select(String table, String column) {
        List<Map<String, Object>> selected = new ArrayList<>();
        for (UUID user : users) {
            jdbc.prepareStatement("SELECT * FROM " + table + " WHERE " + column + " = ?", statement -> {
                statement.setObject(1, user);
                try (ResultSet result = statement.executeQuery()) {
                    ResultSetMetaData meta = result.getMetaData();
                    while (result.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            row.put(meta.getColumnName(c).toLowerCase(java.util.Locale.ROOT), result.getObject(c));
                        }
                        selected.add(row);
                    }
                }
                return null;
            });
        }
        return selected;
    }
}
