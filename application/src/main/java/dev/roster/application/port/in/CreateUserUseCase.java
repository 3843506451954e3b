package dev.roster.application.port.in;

/** Creates an active user. */
public interface CreateUserUseCase {
    /** @throws dev.roster.domain.user.EmailAlreadyTakenException when the email (case-insensitively) is taken */
    UserView create(CreateUserCommand command);
}
