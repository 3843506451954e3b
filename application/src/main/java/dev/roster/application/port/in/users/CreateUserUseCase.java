package dev.roster.application.port.in.users;

import dev.roster.application.model.users.UserView;

/** Creates an active user. */
public interface CreateUserUseCase {
    /** @throws dev.roster.domain.user.EmailAlreadyTakenException when the email (case-insensitively) is taken */
    UserView create(CreateUserCommand command);
}
