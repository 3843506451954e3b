package dev.roster.application.port.out;

import dev.roster.domain.user.UserId;

import java.util.Optional;
import java.util.UUID;

/** Stored erasure receipts: one per erased user. Writes inside a {@link TransactionBoundary} transaction. */
public interface ErasureReceiptRepository {

    void add(ErasureReceipt receipt);

    Optional<ErasureReceipt> findById(UUID id);

    Optional<ErasureReceipt> findByUser(UserId userId);
}
