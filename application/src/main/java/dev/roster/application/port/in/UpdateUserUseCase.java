package dev.roster.application.port.in;

/** Applies a partial profile change. */
public interface UpdateUserUseCase {
    /** @throws dev.roster.domain.user.UserVersionConflictException when the expected version is stale */
    UserView update(UpdateUserCommand command);
}
