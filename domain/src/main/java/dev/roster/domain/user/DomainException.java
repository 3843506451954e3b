package dev.roster.domain.user;

/**
 * Base of every business rule violation raised by the domain. Messages never contain personal data, so they are
 * safe to log and to show to a caller.
 */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
