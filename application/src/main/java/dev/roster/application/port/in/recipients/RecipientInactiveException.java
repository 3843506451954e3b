package dev.roster.application.port.in.recipients;

import dev.roster.application.model.ApplicationException;

/** The recipient is inactive (it answered 410 Gone): nothing is sent to it. */
public final class RecipientInactiveException extends ApplicationException {
    public RecipientInactiveException() {
        super("The erasure recipient is inactive (it answered 410 Gone), so nothing would be sent; register it again.");
    }
}
