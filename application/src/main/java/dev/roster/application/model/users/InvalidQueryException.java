package dev.roster.application.model.users;

import dev.roster.application.model.ApplicationException;

/** A query parameter was rejected; {@link #parameter()} names it, the message says why. */
public final class InvalidQueryException extends ApplicationException {
    private final String parameter;

    public InvalidQueryException(String parameter, String reason) {
        super(reason);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
