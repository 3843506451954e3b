package dev.roster.application.service.bulk;

import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.port.in.bulk.ApplyBulkUseCase;
import dev.roster.application.port.in.bulk.BulkOperation;
import dev.roster.application.port.in.bulk.BulkResult;
import dev.roster.application.port.in.lifecycle.SoftDeleteUserUseCase;
import dev.roster.application.port.in.users.CreateUserUseCase;
import dev.roster.application.port.in.users.UpdateUserUseCase;
import dev.roster.application.port.out.common.TransactionBoundary;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Bulk operations through the very use cases the single endpoints use, so each operation keeps its rules and audit
 * event. Atomic requests wrap them in one transaction (the use cases' own transactions join it) and roll everything
 * back at the first failure.
 */
public final class BulkService implements ApplyBulkUseCase {
    private final CreateUserUseCase create;
    private final UpdateUserUseCase update;
    private final SoftDeleteUserUseCase delete;
    private final TransactionBoundary transactions;

    public BulkService(CreateUserUseCase create, UpdateUserUseCase update, SoftDeleteUserUseCase delete,
                       TransactionBoundary transactions) {
        this.create = Objects.requireNonNull(create, "create");
        this.update = Objects.requireNonNull(update, "update");
        this.delete = Objects.requireNonNull(delete, "delete");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public List<BulkResult> apply(boolean atomic, List<BulkOperation> operations) {
        if (operations.isEmpty() || operations.size() > MAX_OPERATIONS) {
            throw new InvalidQueryException("operations", "must hold 1 to " + MAX_OPERATIONS + " operations");
        }
        return atomic ? applyAtomically(operations) : applyIndependently(operations);
    }

    private List<BulkResult> applyIndependently(List<BulkOperation> operations) {
        List<BulkResult> results = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            try {
                results.add(run(i, operations.get(i)));
            } catch (RuntimeException failure) {
                results.add(new BulkResult(i, BulkResult.Outcome.FAILED, Optional.empty(), Optional.of(failure)));
            }
        }
        return results;
    }

    private List<BulkResult> applyAtomically(List<BulkOperation> operations) {
        List<BulkResult> done = new ArrayList<>(operations.size());
        try {
            return transactions.inTransaction(() -> {
                for (int i = 0; i < operations.size(); i++) {
                    try {
                        done.add(run(i, operations.get(i)));
                    } catch (RuntimeException failure) {
                        throw new AtomicFailure(i, failure);
                    }
                }
                return List.copyOf(done);
            });
        } catch (AtomicFailure rolledBack) {
            List<BulkResult> results = new ArrayList<>(operations.size());
            for (BulkResult applied : done) {
                results.add(new BulkResult(applied.index(), BulkResult.Outcome.ROLLED_BACK, Optional.empty(), Optional.empty()));
            }
            results.add(new BulkResult(rolledBack.index, BulkResult.Outcome.FAILED, Optional.empty(), Optional.of(rolledBack.cause)));
            for (int i = rolledBack.index + 1; i < operations.size(); i++) {
                results.add(new BulkResult(i, BulkResult.Outcome.NOT_ATTEMPTED, Optional.empty(), Optional.empty()));
            }
            return results;
        }
    }

    private BulkResult run(int index, BulkOperation operation) {
        if (operation instanceof BulkOperation.Create c) {
            return new BulkResult(index, BulkResult.Outcome.CREATED, Optional.of(create.create(c.command())), Optional.empty());
        }
        if (operation instanceof BulkOperation.Update u) {
            return new BulkResult(index, BulkResult.Outcome.UPDATED, Optional.of(update.update(u.command())), Optional.empty());
        }
        BulkOperation.Delete d = (BulkOperation.Delete) operation;
        delete.softDelete(d.id());
        return new BulkResult(index, BulkResult.Outcome.DELETED, Optional.empty(), Optional.empty());
    }

    /** Carries the failing operation out of the transaction, which rolls back on it. */
    private static final class AtomicFailure extends RuntimeException {
        private final int index;
        private final RuntimeException cause;

        AtomicFailure(int index, RuntimeException cause) {
            super(null, null, false, false);
            this.index = index;
            this.cause = cause;
        }
    }
}
