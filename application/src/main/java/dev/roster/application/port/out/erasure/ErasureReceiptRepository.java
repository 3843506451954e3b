package dev.roster.application.port.out.erasure;

import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.domain.user.UserId;

import java.util.Optional;
import java.util.UUID;

/** Stored erasure receipts: one per erased user. Writes inside a {@link TransactionBoundary} transaction. */
public interface ErasureReceiptRepository {

    void add(ErasureReceipt receipt);

    Optional<ErasureReceipt> findById(UUID id);

    Optional<ErasureReceipt> findByUser(UserId userId);
}
