package dev.roster.application.model.privacy;

import dev.roster.application.model.ApplicationException;

/** The request's state does not allow the step (409 invalid-state); the message says why and holds no personal data. */
public final class PrivacyRequestStateException extends ApplicationException {
    public PrivacyRequestStateException(String message) {
        super(message);
    }
}
