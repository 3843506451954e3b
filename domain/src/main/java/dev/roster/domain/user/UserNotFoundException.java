package dev.roster.domain.user;

/** No user has the given id. */
public final class UserNotFoundException extends DomainException {
    private final UserId userId;

    public UserNotFoundException(UserId userId) {
        super("no user with id " + userId);
        this.userId = userId;
    }

    public UserId userId() {
        return userId;
    }
}
