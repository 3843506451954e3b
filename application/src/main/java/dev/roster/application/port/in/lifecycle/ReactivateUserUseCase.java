package dev.roster.application.port.in.lifecycle;

import dev.roster.application.model.users.UserView;
import dev.roster.domain.user.UserId;

/** DEACTIVATED → ACTIVE. */
public interface ReactivateUserUseCase {
    UserView reactivate(UserId id);
}
