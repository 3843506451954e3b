package dev.roster.application.port.in.lifecycle;

import dev.roster.application.model.users.UserView;
import dev.roster.domain.user.UserId;

import java.util.OptionalLong;

/** DELETED → the status the user had before deletion. */
public interface RestoreUserUseCase {
    /** @throws dev.roster.domain.user.IllegalUserStateTransitionException when the user is not DELETED */
    UserView restore(UserId id, OptionalLong expectedVersion);

    default UserView restore(UserId id) {
        return restore(id, OptionalLong.empty());
    }
}
