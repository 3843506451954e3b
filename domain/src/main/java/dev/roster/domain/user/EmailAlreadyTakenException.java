package dev.roster.domain.user;

/** Another user already has this email (compared case-insensitively). The message never names the address. */
public final class EmailAlreadyTakenException extends DomainException {
    public EmailAlreadyTakenException() {
        super("another user already has this email address");
    }
}
