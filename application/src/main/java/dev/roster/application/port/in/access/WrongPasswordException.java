package dev.roster.application.port.in.access;

import dev.roster.application.model.ApplicationException;

/** The current password given to confirm a sensitive self-service action does not match. */
public final class WrongPasswordException extends ApplicationException {
    public WrongPasswordException() {
        super("the current password does not match");
    }
}
