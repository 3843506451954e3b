package dev.roster.adapters.out.persistence.jdbc;

import dev.roster.application.port.out.common.TransactionBoundary;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.function.Supplier;

/** {@link TransactionBoundary} on Micronaut Data's JDBC transaction manager; nested calls join the outer transaction. */
@Singleton
final class MicronautTransactionBoundary implements TransactionBoundary {
    private final TransactionOperations<Connection> transactions;

    MicronautTransactionBoundary(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return transactions.executeRead(status -> work.get());
    }
}
