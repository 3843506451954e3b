package dev.roster.adapters.in.http.problem;

import java.util.List;

/** A request whose shape or values were rejected, with one entry per rejected field (400 validation-failed). */
public final class InvalidRequestException extends RuntimeException {
    private final List<Problem.FieldError> errors;

    public InvalidRequestException(List<Problem.FieldError> errors) {
        super(errors.size() + " invalid field(s)", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new Problem.FieldError(field, message)));
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
