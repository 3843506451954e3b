package dev.roster.application.port.in.lifecycle;

/**
 * Removes a user for good. Rate-limited per administrator.
 *
 * @throws dev.roster.domain.user.UserHasResourcesException while it owns files and cascade was not asked for
 * @throws dev.roster.domain.user.LastAdminException       for the last active administrator
 */
public interface PurgeUserUseCase {
    void purge(PurgeUserCommand command);
}
