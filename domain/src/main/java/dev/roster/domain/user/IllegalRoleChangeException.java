package dev.roster.domain.user;

/** A role change that no user may undergo, such as losing the USER role every account carries. */
public final class IllegalRoleChangeException extends DomainException {
    public IllegalRoleChangeException(String reason) {
        super(reason);
    }
}
