package dev.roster.bootstrap;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;

/**
 * Test helper: empties the user and audit tables so every test starts from a known state on H2 and on a PostgreSQL that
 * earlier runs left data in. Inject it into a {@code @MicronautTest} and call {@link #clear()} in {@code @BeforeEach}.
 */
@Singleton
public final class TestDatabase {
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    TestDatabase(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public void clear() {
        transactions.executeWrite(status -> {
            // the sequencer holds this while it places events: clearing waits for it, and it for the clearing
            jdbc.prepareStatement("SELECT id FROM event_sequencer_lock WHERE id = 1 FOR UPDATE", statement -> statement.executeQuery().next());
            for (String table : new String[] {"erasure_requests", "privacy_request_packages", "privacy_request_steps", "privacy_requests", "webhook_deliveries", "webhook_subscriptions", "legal_holds", "erasure_receipts", "user_files", "user_attributes", "user_roles", "users",
                    "audit_events", "audit_pending", "change_events", "change_events_pending", "rate_limit_windows"}) {
                jdbc.prepareStatement("DELETE FROM " + table, statement -> statement.executeUpdate());
            }
            jdbc.prepareStatement("UPDATE audit_chain_head SET last_sequence = 0, last_hash = ?", statement -> {
                statement.setString(1, "0".repeat(64));
                return statement.executeUpdate();
            });
            jdbc.prepareStatement("UPDATE change_feed_head SET last_position = 0, pruned_through = 0", statement -> statement.executeUpdate());
            jdbc.prepareStatement("UPDATE webhook_enqueue_head SET through_position = 0", statement -> statement.executeUpdate());
            jdbc.prepareStatement("UPDATE audit_address_retention SET cleared_through = 0", statement -> statement.executeUpdate());
            jdbc.prepareStatement("UPDATE erasure_request_head SET through_position = 0", statement -> statement.executeUpdate());
            return null;
        });
    }

    /** The database product the tests run against, e.g. "H2" or "PostgreSQL". */
    public String productName() {
        return transactions.executeRead(status -> {
            try {
                return status.getConnection().getMetaData().getDatabaseProductName();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
