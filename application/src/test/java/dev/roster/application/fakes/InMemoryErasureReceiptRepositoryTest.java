package dev.roster.application.fakes;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.ErasureReceiptRepository;
import dev.roster.application.port.out.erasure.ErasureReceiptRepositoryContract;
import dev.roster.application.port.out.users.UserRepository;
import org.junit.jupiter.api.BeforeEach;

/** The in-memory fake held to the same contract as the JDBC adapter. */
class InMemoryErasureReceiptRepositoryTest extends ErasureReceiptRepositoryContract {
    private InMemoryErasureReceiptRepository receipts;
    private InMemoryUserRepository users;
    private InMemoryTransactionBoundary transactions;

    @BeforeEach
    void emptyStore() {
        InMemoryUserStore store = new InMemoryUserStore();
        receipts = new InMemoryErasureReceiptRepository(store);
        users = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
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
