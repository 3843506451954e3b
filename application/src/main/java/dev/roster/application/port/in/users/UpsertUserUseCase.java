package dev.roster.application.port.in.users;

/** Creates or replaces the user with the given email. */
public interface UpsertUserUseCase {

    UpsertResult upsert(UpsertUserCommand command);
}
