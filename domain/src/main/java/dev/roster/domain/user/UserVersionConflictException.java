package dev.roster.domain.user;

/** The user changed since the version the caller based its change on (optimistic locking). */
public final class UserVersionConflictException extends DomainException {
    public UserVersionConflictException(UserId userId) {
        super("user " + userId + " was changed by someone else; fetch it again and retry");
    }
}
