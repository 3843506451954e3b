package dev.roster.application.port.in;

import dev.roster.domain.user.UserId;

/** DEACTIVATED → ACTIVE. */
public interface ReactivateUserUseCase {
    UserView reactivate(UserId id);
}
