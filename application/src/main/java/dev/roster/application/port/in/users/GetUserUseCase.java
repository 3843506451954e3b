package dev.roster.application.port.in.users;

import dev.roster.application.model.users.UserView;

/** Reads one user in any status. */
public interface GetUserUseCase {
    /** @throws dev.roster.domain.user.UserNotFoundException */
    UserView get(dev.roster.domain.user.UserId id);
}
