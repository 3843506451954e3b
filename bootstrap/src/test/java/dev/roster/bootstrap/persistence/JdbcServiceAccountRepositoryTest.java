package dev.roster.bootstrap.persistence;

import dev.roster.application.port.out.accounts.ServiceAccountRepository;
import dev.roster.application.port.out.accounts.ServiceAccountRepositoryContract;
import dev.roster.application.port.out.common.TransactionBoundary;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * The {@link ServiceAccountRepository} contract against the JDBC adapter on the configured database (H2, or
 * PostgreSQL in CI).
 */
@MicronautTest(transactional = false)
class JdbcServiceAccountRepositoryTest extends ServiceAccountRepositoryContract {
    @Inject
    ServiceAccountRepository accounts;
    @Inject
    TransactionBoundary transactions;
    @Inject
    JdbcOperations jdbc;

    @BeforeEach
    void startEmpty() {
        transactions.inTransaction(() -> jdbc.prepareStatement("DELETE FROM service_accounts",
                statement -> statement.executeUpdate()));
    }

    @Override
    protected ServiceAccountRepository accounts() {
        return accounts;
    }

    @Override
    protected TransactionBoundary transactions() {
        return transactions;
    }
}
