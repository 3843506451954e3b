package dev.roster.bootstrap.persistence;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.ErasureReceiptRepository;
import dev.roster.application.port.out.erasure.ErasureReceiptRepositoryContract;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.bootstrap.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** The {@link ErasureReceiptRepository} contract against the JDBC adapter on the configured database (H2, or PostgreSQL in CI). */
@MicronautTest(transactional = false)
class JdbcErasureReceiptRepositoryTest extends ErasureReceiptRepositoryContract {
    @Inject
    ErasureReceiptRepository receipts;
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
    protected ErasureReceiptRepository receipts() {
        return receipts;
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
