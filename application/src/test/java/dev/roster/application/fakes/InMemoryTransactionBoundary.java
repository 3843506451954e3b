package dev.roster.application.fakes;

import dev.roster.application.port.out.common.TransactionBoundary;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link TransactionBoundary} over an {@link InMemoryUserStore}: runs the work on the calling thread and, like a
 * database, rolls the store back when the work throws and refuses writes inside {@link #readOnly}.
 */
public final class InMemoryTransactionBoundary implements TransactionBoundary {
    private final InMemoryUserStore store;

    public InMemoryTransactionBoundary(InMemoryUserStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return store.inTransaction(false, work);
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return store.inTransaction(true, work);
    }
}
