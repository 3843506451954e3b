package dev.roster.application.port.out.privacy;

import dev.roster.application.model.ApplicationException;

/** The erasure ledger's file could not be read or written (permissions, a full disk, a missing volume). */
public final class ErasureLedgerUnavailableException extends ApplicationException {
    public ErasureLedgerUnavailableException(String message) {
        super(message);
    }
}
