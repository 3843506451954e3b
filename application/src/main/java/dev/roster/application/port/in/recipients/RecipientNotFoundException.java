package dev.roster.application.port.in.recipients;

import dev.roster.application.model.ApplicationException;

/** No erasure recipient with that id. */
public final class RecipientNotFoundException extends ApplicationException {
    public RecipientNotFoundException() {
        super("No erasure recipient with that id.");
    }
}
