package dev.roster.adapters.in.http;

/** A request body that is not exactly one JSON value of the expected shape (400 malformed-json). */
final class MalformedJsonException extends RuntimeException {
    MalformedJsonException() {
        super("the request body is not valid JSON of the expected shape", null, false, false);
    }
}
