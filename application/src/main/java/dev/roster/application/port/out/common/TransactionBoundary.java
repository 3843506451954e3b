package dev.roster.application.port.out.common;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction. Everything the work does through other outbound ports joins it; an
 * unchecked exception rolls it back and propagates unchanged.
 */
public interface TransactionBoundary {

    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** Work that only reads: may run on a read-only transaction. */
    <T> T readOnly(Supplier<T> work);
}
