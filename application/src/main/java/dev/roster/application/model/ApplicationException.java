package dev.roster.application.model;

/**
 * The base of the application's business exceptions (the domain's have {@code DomainException}). They are answers,
 * not bugs: their messages carry no personal data and they record no stack trace. The HTTP edge maps each subclass
 * to one problem type.
 */
public abstract class ApplicationException extends RuntimeException {
    protected ApplicationException(String message) {
        super(message, null, false, false);
    }
}
