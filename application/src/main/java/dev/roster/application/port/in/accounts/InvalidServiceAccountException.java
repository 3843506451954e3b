package dev.roster.application.port.in.accounts;

import dev.roster.application.model.ApplicationException;

/** A service account's name or scopes were refused; the message names the rule, never the value. */
public final class InvalidServiceAccountException extends ApplicationException {
    private final String field;

    public InvalidServiceAccountException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request member at fault: {@code name} or {@code scopes}. */
    public String field() {
        return field;
    }
}
