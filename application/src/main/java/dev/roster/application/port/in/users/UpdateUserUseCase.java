package dev.roster.application.port.in.users;

import dev.roster.application.model.users.UserView;

/** Applies a partial profile change. */
public interface UpdateUserUseCase {
    /** @throws dev.roster.domain.user.UserVersionConflictException when the expected version is stale */
    UserView update(UpdateUserCommand command);
}
