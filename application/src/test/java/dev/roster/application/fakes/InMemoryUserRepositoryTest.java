package dev.roster.application.fakes;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.lifecycle.FileRepository;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.port.out.users.UserRepositoryContract;
import org.junit.jupiter.api.BeforeEach;

/** The in-memory fake held to the same contract as the JDBC adapter. */
class InMemoryUserRepositoryTest extends UserRepositoryContract {
    private InMemoryUserRepository repository;
    private InMemoryTransactionBoundary transactions;
    private InMemoryFileRepository files;

    @BeforeEach
    void emptyStore() {
        InMemoryUserStore store = new InMemoryUserStore();
        repository = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
        files = new InMemoryFileRepository(store);
    }

    @Override
    protected UserRepository repository() {
        return repository;
    }

    @Override
    protected TransactionBoundary transactions() {
        return transactions;
    }

    @Override
    protected FileRepository files() {
        return files;
    }
}
