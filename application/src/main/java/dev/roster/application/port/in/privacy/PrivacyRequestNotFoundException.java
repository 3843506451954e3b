package dev.roster.application.port.in.privacy;

import dev.roster.application.model.ApplicationException;

/** No privacy request with that id (or none of the caller's own). */
public final class PrivacyRequestNotFoundException extends ApplicationException {
    public PrivacyRequestNotFoundException() {
        super("No privacy request with that id.");
    }
}
