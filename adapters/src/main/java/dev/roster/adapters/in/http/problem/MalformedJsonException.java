package dev.roster.adapters.in.http.problem;

/** A request body that is not exactly one JSON value of the expected shape (400 malformed-json). */
public final class MalformedJsonException extends RuntimeException {
    public MalformedJsonException() {
        super("the request body is not valid JSON of the expected shape", null, false, false);
    }
}
