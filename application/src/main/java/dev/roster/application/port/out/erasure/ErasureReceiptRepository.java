package dev.roster.application.port.out.erasure;

import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.domain.user.UserId;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored erasure receipts: one per erased user. Writes inside a {@link TransactionBoundary} transaction. */
public interface ErasureReceiptRepository {

    void add(ErasureReceipt receipt);

    Optional<ErasureReceipt> findById(UUID id);

    Optional<ErasureReceipt> findByUser(UserId userId);

    /**
     * Receipts in the order of their ids as the database orders UUIDs, after {@code after} (from the start when
     * empty), at most {@code limit}: a keyset page for walking all of them (the erasure ledger's reconciliation).
     */
    List<ErasureReceipt> page(Optional<UUID> after, int limit);

    /**
     * Removes the user's receipt, if any, and says whether there was one. Only for a receipt that no longer matches
     * the user's state: a partly restored backup brought back the user unerased beside the receipt of its erasure,
     * and re-applying the erasure stores a new one (ADR 0021).
     */
    boolean removeOfUser(UserId userId);
}
