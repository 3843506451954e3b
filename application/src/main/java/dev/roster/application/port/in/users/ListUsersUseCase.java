package dev.roster.application.port.in.users;

/** Lists one page of users matching a filter. */
public interface ListUsersUseCase {

    UserPage list(ListUsersQuery query);
}
