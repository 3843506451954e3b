package dev.roster.application.port.in;

/** Counts the users matching a filter. */
public interface CountUsersUseCase {

    long count(UserFilter filter);
}
