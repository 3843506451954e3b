package dev.roster.application.port.in.access;

/** The current password given to confirm a sensitive self-service action does not match. */
public final class WrongPasswordException extends RuntimeException {
    public WrongPasswordException() {
        super("the current password does not match", null, false, false);
    }
}
