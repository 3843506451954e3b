package dev.roster.application.port.in.lifecycle;

import dev.roster.application.model.users.UserView;
import dev.roster.domain.user.UserId;

import java.util.OptionalLong;

/** ACTIVE → DEACTIVATED: the user can no longer log in, and its tokens stop working at once. */
public interface DeactivateUserUseCase {
    /** @throws dev.roster.domain.user.LastAdminException when it is the last active administrator */
    UserView deactivate(UserId id, OptionalLong expectedVersion);

    default UserView deactivate(UserId id) {
        return deactivate(id, OptionalLong.empty());
    }
}
