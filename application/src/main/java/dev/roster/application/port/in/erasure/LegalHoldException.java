package dev.roster.application.port.in.erasure;

import dev.roster.application.model.ApplicationException;

/** The user is on legal hold: erasure and purge are refused until the hold is lifted. */
public final class LegalHoldException extends ApplicationException {
    public LegalHoldException(String action) {
        super("the user is on legal hold; cannot " + action + " until the hold is lifted");
    }
}
