package dev.roster.application.fakes;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.lifecycle.FileRepository;
import dev.roster.application.port.out.lifecycle.FileRepositoryContract;
import dev.roster.application.port.out.users.UserRepository;
import org.junit.jupiter.api.BeforeEach;

/** The in-memory fake held to the same contract as the JDBC adapter. */
class InMemoryFileRepositoryTest extends FileRepositoryContract {
    private InMemoryFileRepository files;
    private InMemoryUserRepository users;
    private InMemoryTransactionBoundary transactions;

    @BeforeEach
    void emptyStore() {
        InMemoryUserStore store = new InMemoryUserStore();
        files = new InMemoryFileRepository(store);
        users = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
    }

    @Override
    protected FileRepository files() {
        return files;
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
