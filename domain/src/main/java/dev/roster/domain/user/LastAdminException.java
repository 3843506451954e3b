package dev.roster.domain.user;

/** The change would leave no active administrator. */
public final class LastAdminException extends DomainException {
    public LastAdminException(String action) {
        super("cannot " + action + " the last active administrator");
    }
}
