package dev.roster.application.port.in.recipients;

import dev.roster.application.model.ApplicationException;

/** The recipient was never asked to erase that user (or that request was withdrawn with its recipient). */
public final class ErasureNotPendingException extends ApplicationException {
    public ErasureNotPendingException() {
        super("No erasure of that user is pending for this recipient.");
    }
}
