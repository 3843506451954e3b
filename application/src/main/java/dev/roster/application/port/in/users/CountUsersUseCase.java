package dev.roster.application.port.in.users;

import dev.roster.application.model.users.UserFilter;

/** Counts the users matching a filter. */
public interface CountUsersUseCase {

    long count(UserFilter filter);
}
