package dev.roster.application.port.in.erasure;

import dev.roster.application.model.erasure.ErasureReceipt;

import java.util.UUID;

/** A stored erasure receipt by its id. */
public interface GetErasureReceiptUseCase {
    /** @throws ReceiptNotFoundException when there is none */
    ErasureReceipt receipt(UUID id);
}
