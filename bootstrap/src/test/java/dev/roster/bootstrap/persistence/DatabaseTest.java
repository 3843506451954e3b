package dev.roster.bootstrap.persistence;

import dev.roster.bootstrap.TestDatabase;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The tests run on the database they were meant to, and the vendor-specific migrations were applied there. */
@MicronautTest(transactional = false)
class DatabaseTest {
    @Inject
    TestDatabase database;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    /**
     * .ci/run sets ROSTER_EXPECT_DATABASE for each pass, so that a configuration mistake that silently falls back to
     * H2 fails the PostgreSQL pass instead of passing it.
     */
    @Test
    void runsOnTheDatabaseTheBuildAskedFor() {
        String expected = System.getenv("ROSTER_EXPECT_DATABASE");
        String actual = database.productName();
        if (expected != null && !expected.isBlank()) {
            assertThat(actual).isEqualToIgnoringCase(expected);
        } else {
            assertThat(actual).isIn("H2", "PostgreSQL");
        }
    }

    @Test
    void postgresGetsTrigramAndPartialIndexes() {
        assumeThat(database.productName()).isEqualTo("PostgreSQL");
        List<String> indexes = transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'users'", statement -> {
                    List<String> names = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            names.add(rows.getString(1));
                        }
                    }
                    return names;
                }));
        assertThat(indexes).contains("ix_users_email_canonical_trgm", "ix_users_display_name_lower_trgm",
                "ix_users_listed_created_at_id", "ix_users_created_at_id");
    }

    @Test
    void h2GetsOnlyThePortableMigrations() {
        assumeThat(database.productName()).isEqualTo("H2");
        Long postgresOnly = transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT COUNT(*) FROM flyway_schema_history WHERE script LIKE '%postgres%'", statement -> {
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getLong(1);
                    }
                }));
        assertThat(postgresOnly).isZero();
    }
}
