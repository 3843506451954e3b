package dev.roster.application.fakes;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.StoredDataPackages;
import dev.roster.application.port.out.privacy.PrivacyRequests;
import dev.roster.application.port.out.privacy.PrivacyRequestsContract;
import dev.roster.application.port.out.users.UserRepository;
import org.junit.jupiter.api.BeforeEach;

/** The in-memory fake held to the same contract as the JDBC adapter. */
class InMemoryPrivacyRequestsTest extends PrivacyRequestsContract {
    private InMemoryPrivacyRequests requests;
    private InMemoryUserRepository users;
    private InMemoryTransactionBoundary transactions;

    @BeforeEach
    void emptyStore() {
        InMemoryUserStore store = new InMemoryUserStore();
        requests = new InMemoryPrivacyRequests(store);
        users = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
    }

    @Override
    protected PrivacyRequests requests() {
        return requests;
    }

    @Override
    protected StoredDataPackages packages() {
        return requests;
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
