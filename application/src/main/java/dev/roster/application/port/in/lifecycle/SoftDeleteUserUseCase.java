package dev.roster.application.port.in.lifecycle;

import dev.roster.domain.user.UserId;

import java.util.OptionalLong;

/**
 * ACTIVE or DEACTIVATED → DELETED (restorable). Idempotent: deleting a DELETED user changes nothing.
 *
 * @throws dev.roster.domain.user.LastAdminException when it is the last active administrator
 * @throws dev.roster.domain.user.IllegalUserStateTransitionException for an anonymized user
 */
public interface SoftDeleteUserUseCase {
    void softDelete(UserId id, OptionalLong expectedVersion);

    default void softDelete(UserId id) {
        softDelete(id, OptionalLong.empty());
    }
}
