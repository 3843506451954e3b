package dev.roster.application.service.common;

import dev.roster.application.port.out.users.UserRepository;
import dev.roster.domain.user.LastAdminException;
import dev.roster.domain.user.User;

/**
 * The last-admin rule: no change may leave the organisation without an active administrator. The count is taken
 * under the administrators' lock ({@link UserRepository#countActiveAdminsLocked()}), before the user is loaded, so
 * that two concurrent changes cannot each see the other administrator and both go through.
 */
public final class AdminGuard {
    private static final AdminGuard NOT_NEEDED = new AdminGuard(Long.MAX_VALUE);

    private final long activeAdmins;

    private AdminGuard(long activeAdmins) {
        this.activeAdmins = activeAdmins;
    }

    /** Takes the administrators' lock for the rest of the transaction and counts them. */
    public static AdminGuard lock(UserRepository users) {
        return new AdminGuard(users.countActiveAdminsLocked());
    }

    /** A guard for a change that cannot remove an administrator (no lock is taken). */
    public static AdminGuard notNeeded() {
        return NOT_NEEDED;
    }

    /** Refuses {@code action} on {@code user} when the user is the last active administrator. */
    public void refuseLosingTheLast(User user, String action) {
        if (user.isActiveAdmin() && activeAdmins <= 1) {
            throw new LastAdminException(action);
        }
    }
}
