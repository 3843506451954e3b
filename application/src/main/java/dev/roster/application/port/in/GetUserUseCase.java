package dev.roster.application.port.in;

/** Reads one user in any status. */
public interface GetUserUseCase {
    /** @throws dev.roster.domain.user.UserNotFoundException */
    UserView get(dev.roster.domain.user.UserId id);
}
