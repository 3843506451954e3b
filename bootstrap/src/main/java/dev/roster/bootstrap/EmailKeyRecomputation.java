package dev.roster.bootstrap;

import dev.roster.domain.user.Email;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Recomputes {@code users.email_canonical} with today's {@link Email#canonical()} (the V7 migration, ADR 0005), in
 * batches of users read in id order, so that a million users need no more memory than one batch. Existing users
 * whose new keys collide are not merged: the account that already holds the key, or else the earliest created one,
 * gets it; each other account keeps its previous key and is listed in {@code email_key_conflicts} (user ids only)
 * and in one WARN line, for an operator to resolve (docs/operations.md).
 */
public final class EmailKeyRecomputation {
    private static final Logger LOG = LoggerFactory.getLogger(EmailKeyRecomputation.class);
    /** Ids named in the log line at most; the table lists every conflict. */
    private static final int LOGGED_IDS = 100;
    private static final String WORK_TABLE = "email_key_migration";

    private final Connection connection;
    private final int batchSize;

    public EmailKeyRecomputation(Connection connection, int batchSize) {
        this.connection = connection;
        this.batchSize = batchSize;
    }

    /** What one run did: users whose key changed, users that kept their previous key because of a conflict. */
    public record Outcome(long rekeyed, List<UUID> conflicts) {
    }

    public Outcome run() throws SQLException {
        execute("CREATE TABLE " + WORK_TABLE + " (user_id UUID NOT NULL PRIMARY KEY, old_key VARCHAR(1024) NOT NULL, "
                + "new_key VARCHAR(1024) NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL, kept_by UUID)");
        execute("CREATE INDEX ix_" + WORK_TABLE + "_new_key ON " + WORK_TABLE + " (new_key, created_at, user_id)");
        execute("CREATE INDEX ix_" + WORK_TABLE + "_old_key ON " + WORK_TABLE + " (old_key)");
        try {
            collectChangedKeys();
            chooseWhoKeepsEachKey();
            refuseCollisionsWithKeptKeys();
            // two steps, because a new key may be another changed user's old key: first a key no address can have
            execute("UPDATE users SET email_canonical = CONCAT('#', CAST(id AS VARCHAR(36))) WHERE id IN "
                    + "(SELECT user_id FROM " + WORK_TABLE + " WHERE kept_by IS NULL)");
            long rekeyed = execute("UPDATE users SET email_canonical = (SELECT m.new_key FROM " + WORK_TABLE
                    + " m WHERE m.user_id = users.id) WHERE id IN (SELECT user_id FROM " + WORK_TABLE + " WHERE kept_by IS NULL)");
            // a later run (a future change of the key) reports what is new and keeps what is already reported
            execute("INSERT INTO email_key_conflicts (user_id, kept_by, detected_at) SELECT m.user_id, m.kept_by, CURRENT_TIMESTAMP "
                    + "FROM " + WORK_TABLE + " m WHERE m.kept_by IS NOT NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM email_key_conflicts c WHERE c.user_id = m.user_id)");
            List<UUID> conflicts = ids("SELECT user_id FROM " + WORK_TABLE + " WHERE kept_by IS NOT NULL ORDER BY user_id");
            report(rekeyed, conflicts);
            return new Outcome(rekeyed, conflicts);
        } finally {
            execute("DROP TABLE " + WORK_TABLE);
        }
    }

    /** Reads every user in id order, a batch at a time, and stages those whose key changes. */
    private void collectChangedKeys() throws SQLException {
        UUID after = null;
        while (true) {
            List<Object[]> changed = new ArrayList<>();
            int read = 0;
            UUID last = null;
            String sql = "SELECT id, email, email_canonical, created_at FROM users"
                    + (after == null ? "" : " WHERE id > ?") + " ORDER BY id LIMIT " + batchSize;
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                if (after != null) {
                    select.setObject(1, after);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        read++;
                        last = rows.getObject(1, UUID.class);
                        String oldKey = rows.getString(3);
                        String newKey = Email.fromStorage(rows.getString(2)).canonical();
                        if (!newKey.equals(oldKey)) {
                            changed.add(new Object[] {last, oldKey, newKey, rows.getObject(4, OffsetDateTime.class)});
                        }
                    }
                }
            }
            stage(changed);
            if (read < batchSize) {
                return;
            }
            after = last;
        }
    }

    private void stage(List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String values = String.join(", ", Collections.nCopies(rows.size(), "(?, ?, ?, ?)"));
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + WORK_TABLE + " (user_id, old_key, new_key, created_at) VALUES " + values)) {
            int index = 1;
            for (Object[] row : rows) {
                for (Object cell : row) {
                    insert.setObject(index++, cell);
                }
            }
            insert.executeUpdate();
        }
    }

    /**
     * {@code kept_by} stays null for the user who gets its new key; for every other user with the same new key it names
     * who got it: a user whose key does not change (it holds the key already), else the earliest created (then lowest id).
     */
    private void chooseWhoKeepsEachKey() throws SQLException {
        execute("UPDATE " + WORK_TABLE + " SET kept_by = (SELECT u.id FROM users u WHERE u.email_canonical = "
                + WORK_TABLE + ".new_key AND NOT EXISTS (SELECT 1 FROM " + WORK_TABLE + " x WHERE x.user_id = u.id))");
        execute("UPDATE " + WORK_TABLE + " SET kept_by = (SELECT f.user_id FROM " + WORK_TABLE + " f WHERE f.new_key = "
                + WORK_TABLE + ".new_key ORDER BY f.created_at, f.user_id LIMIT 1) WHERE kept_by IS NULL");
        execute("UPDATE " + WORK_TABLE + " SET kept_by = NULL WHERE kept_by = user_id");
    }

    /**
     * A user that keeps its previous key must not hold a key another user is about to get. That cannot happen while
     * the key of a key is the key itself; should it ever, start-up stops here and names the two accounts.
     */
    private void refuseCollisionsWithKeptKeys() throws SQLException {
        List<UUID> clashing = ids("SELECT w.user_id FROM " + WORK_TABLE + " w JOIN " + WORK_TABLE + " l ON l.old_key = w.new_key "
                + "WHERE w.kept_by IS NULL AND l.kept_by IS NOT NULL ORDER BY w.user_id");
        if (!clashing.isEmpty()) {
            throw new IllegalStateException("V7 cannot give users " + clashing + " their new email key: an account that keeps "
                    + "its previous key holds it. Change the email of one of them (with the previous version) and start again.");
        }
    }

    private void report(long rekeyed, List<UUID> conflicts) {
        if (conflicts.isEmpty()) {
            LOG.info("Email keys recomputed: {} users got a new key, no conflicts", rekeyed);
            return;
        }
        List<UUID> named = conflicts.subList(0, Math.min(LOGGED_IDS, conflicts.size()));
        LOG.warn("Email keys recomputed: {} users got a new key; {} users kept their previous key because an account with a "
                        + "look-alike email holds the new one, listed in table email_key_conflicts (see docs/operations.md): {}{}",
                rekeyed, conflicts.size(), named, conflicts.size() > named.size() ? " and more" : "");
    }

    private List<UUID> ids(String sql) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    private long execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }
}
