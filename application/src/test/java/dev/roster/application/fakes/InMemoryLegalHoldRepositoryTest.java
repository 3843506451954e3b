package dev.roster.application.fakes;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.LegalHoldRepository;
import dev.roster.application.port.out.erasure.LegalHoldRepositoryContract;
import dev.roster.application.port.out.users.UserRepository;
import org.junit.jupiter.api.BeforeEach;

/** The in-memory fake held to the same contract as the JDBC adapter. */
class InMemoryLegalHoldRepositoryTest extends LegalHoldRepositoryContract {
    private InMemoryLegalHoldRepository holds;
    private InMemoryUserRepository users;
    private InMemoryTransactionBoundary transactions;

    @BeforeEach
    void emptyStore() {
        InMemoryUserStore store = new InMemoryUserStore();
        holds = new InMemoryLegalHoldRepository(store);
        users = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
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
