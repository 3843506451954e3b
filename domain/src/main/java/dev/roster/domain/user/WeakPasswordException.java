package dev.roster.domain.user;

/** A password the policy refuses; the message says which rule, never the password. */
public final class WeakPasswordException extends DomainException {
    public WeakPasswordException(String reason) {
        super(reason);
    }
}
