package db.migration;

import dev.roster.bootstrap.EmailKeyRecomputation;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Statement;

/**
 * Issue 11 point 2 (ADR 0005): the email key becomes NFKC + case fold of the local part and the IDNA ASCII form of the
 * domain. SQL cannot compute it on both databases, so this migration is Java: Flyway finds it, like the SQL scripts,
 * in {@code classpath:db/migration} (this package). It creates the conflict report table and recomputes every key.
 */
public class V7__email_identity_keys extends BaseJavaMigration {
    /** Users read per batch; the rows whose key changes are staged in a table, not held in memory. */
    private static final int BATCH_SIZE = 5_000;

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            // user ids only, no foreign keys: a report that survives the purge of either account
            statement.executeUpdate("CREATE TABLE email_key_conflicts ("
                    + "user_id UUID NOT NULL PRIMARY KEY, "
                    + "kept_by UUID NOT NULL, "
                    + "detected_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        new EmailKeyRecomputation(context.getConnection(), BATCH_SIZE).run();
    }
}
