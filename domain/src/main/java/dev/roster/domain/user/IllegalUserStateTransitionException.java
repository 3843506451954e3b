package dev.roster.domain.user;

/** The user's current status does not allow the requested transition (e.g. restoring a user that is not deleted). */
public final class IllegalUserStateTransitionException extends DomainException {
    private final UserId userId;
    private final UserStatus status;
    private final String action;

    public IllegalUserStateTransitionException(UserId userId, UserStatus status, String action) {
        super("cannot " + action + " a user whose status is " + status);
        this.userId = userId;
        this.status = status;
        this.action = action;
    }

    public UserId userId() {
        return userId;
    }

    public UserStatus status() {
        return status;
    }

    public String action() {
        return action;
    }
}
