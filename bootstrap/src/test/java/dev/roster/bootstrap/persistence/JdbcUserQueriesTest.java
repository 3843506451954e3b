package dev.roster.bootstrap.persistence;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserQueries;
import dev.roster.application.port.out.users.UserQueriesContract;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.bootstrap.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** The {@link UserQueries} contract against the JDBC adapter on the configured database (H2, or PostgreSQL in CI). */
@MicronautTest(transactional = false)
class JdbcUserQueriesTest extends UserQueriesContract {
    @Inject
    UserQueries queries;
    @Inject
    UserRepository users;
    @Inject
    TransactionBoundary transactions;
    @Inject
    TestDatabase database;

    @BeforeEach
    void startEmpty() {
        database.clear();
    }

    @Override
    protected UserQueries queries() {
        return queries;
    }

    @Override
    protected UserRepository users() {
        return users;
    }

    @Override
    protected TransactionBoundary transactions() {
        return transactions;
    }
}
