package dev.roster.application.model.users;

/** A query parameter was rejected; {@link #parameter()} names it, the message says why. */
public final class InvalidQueryException extends RuntimeException {
    private final String parameter;

    public InvalidQueryException(String parameter, String reason) {
        super(reason, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
