package dev.roster.application.fakes;

import dev.roster.application.port.out.accounts.ServiceAccountRepository;
import dev.roster.application.port.out.accounts.ServiceAccountRepositoryContract;
import dev.roster.application.port.out.common.TransactionBoundary;
import org.junit.jupiter.api.BeforeEach;

/** The in-memory fake held to the same contract as the JDBC adapter. */
class InMemoryServiceAccountRepositoryTest extends ServiceAccountRepositoryContract {
    private InMemoryServiceAccountRepository accounts;
    private InMemoryTransactionBoundary transactions;

    @BeforeEach
    void emptyStore() {
        InMemoryUserStore store = new InMemoryUserStore();
        accounts = new InMemoryServiceAccountRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
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
