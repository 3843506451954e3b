package dev.roster.application.port.in.events;

import dev.roster.application.model.ApplicationException;

/** The feed no longer holds the events right after the position asked for: retention removed them (410). */
public final class CursorExpiredException extends ApplicationException {
    private final long oldestAvailableAfter;

    public CursorExpiredException(long oldestAvailableAfter) {
        super("The events after this position were removed by retention; read again from after="
                + oldestAvailableAfter + " or later, and reconcile what was missed from the users themselves.");
        this.oldestAvailableAfter = oldestAvailableAfter;
    }

    /** The smallest {@code after} that is still served. */
    public long oldestAvailableAfter() {
        return oldestAvailableAfter;
    }
}
