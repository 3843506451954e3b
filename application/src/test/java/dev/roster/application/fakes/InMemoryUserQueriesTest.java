package dev.roster.application.fakes;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserQueries;
import dev.roster.application.port.out.users.UserQueriesContract;
import dev.roster.application.port.out.users.UserRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory fake held to the same contract as the JDBC adapter, plus the parts of its semantics only a fake shows. */
class InMemoryUserQueriesTest extends UserQueriesContract {
    private InMemoryUserQueries queries;
    private InMemoryUserRepository users;
    private InMemoryTransactionBoundary transactions;

    @BeforeEach
    void emptyStore() {
        InMemoryUserStore store = new InMemoryUserStore();
        queries = new InMemoryUserQueries(store);
        users = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
    }

    @Override
    protected UserQueries queries() {
        return queries;
    }

    @Override
    protected UserRepository users() {
        return users;
    }

    @Override
    protected TransactionBoundary transactions() {
        return transactions;
    }

    @Test
    void comparesIdsAsUnsignedNumbersAsDatabasesDo() {
        UUID low = UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff");
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
        UUID highLsb = UUID.fromString("00000000-0000-0000-8000-000000000000");
        UUID lowLsb = UUID.fromString("00000000-0000-0000-0000-000000000001");

        assertThat(InMemoryUserQueries.compareUnsigned(low, high)).isNegative();
        assertThat(InMemoryUserQueries.compareUnsigned(high, low)).isPositive();
        assertThat(InMemoryUserQueries.compareUnsigned(lowLsb, highLsb)).isNegative();
        assertThat(InMemoryUserQueries.compareUnsigned(high, UUID.fromString(high.toString()))).isZero();
        assertThat(low.compareTo(high)).as("UUID.compareTo is signed").isPositive();
    }
}
