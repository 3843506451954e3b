package dev.roster.bootstrap.persistence;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.port.out.users.UserRepositoryContract;
import dev.roster.bootstrap.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * The {@link UserRepository} contract against the JDBC adapter on the configured database: H2 by default,
 * PostgreSQL when DATASOURCES_DEFAULT_URL points at one (.ci/run does both).
 */
@MicronautTest(transactional = false)
class JdbcUserRepositoryTest extends UserRepositoryContract {
    @Inject
    UserRepository repository;
    @Inject
    TransactionBoundary transactions;
    @Inject
    TestDatabase database;

    @BeforeEach
    void startEmpty() {
        database.clear();
    }

    @Override
    protected UserRepository repository() {
        return repository;
    }

    @Override
    protected TransactionBoundary transactions() {
        return transactions;
    }
}
