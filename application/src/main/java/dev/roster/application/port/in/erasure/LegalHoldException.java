package dev.roster.application.port.in.erasure;

/** The user is on legal hold: erasure and purge are refused until the hold is lifted. */
public final class LegalHoldException extends RuntimeException {
    public LegalHoldException(String action) {
        super("the user is on legal hold; cannot " + action + " until the hold is lifted", null, false, false);
    }
}
