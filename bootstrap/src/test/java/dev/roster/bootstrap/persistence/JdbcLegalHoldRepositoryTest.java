package dev.roster.bootstrap.persistence;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.LegalHoldRepository;
import dev.roster.application.port.out.erasure.LegalHoldRepositoryContract;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.bootstrap.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** The {@link LegalHoldRepository} contract against the JDBC adapter on the configured database (H2, or PostgreSQL in CI). */
@MicronautTest(transactional = false)
class JdbcLegalHoldRepositoryTest extends LegalHoldRepositoryContract {
    @Inject
    LegalHoldRepository holds;
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
    protected LegalHoldRepository holds() {
        return holds;
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
