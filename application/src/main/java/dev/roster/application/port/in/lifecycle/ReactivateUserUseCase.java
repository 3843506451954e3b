package dev.roster.application.port.in.lifecycle;

import dev.roster.application.model.users.UserView;
import dev.roster.domain.user.UserId;

import java.util.OptionalLong;

/** DEACTIVATED → ACTIVE. */
public interface ReactivateUserUseCase {
    UserView reactivate(UserId id, OptionalLong expectedVersion);

    default UserView reactivate(UserId id) {
        return reactivate(id, OptionalLong.empty());
    }
}
