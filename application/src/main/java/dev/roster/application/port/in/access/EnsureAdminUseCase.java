package dev.roster.application.port.in.access;

/**
 * Makes sure an active administrator exists: when there is none, creates the configured user as ADMIN, or promotes
 * (and reactivates or restores, and gives the configured password to) the user that has the email. Does nothing
 * when an active administrator exists, so it is safe on every start-up.
 *
 * @return what it did
 */
public interface EnsureAdminUseCase {
    Outcome ensureAdmin(EnsureAdminCommand command);

    enum Outcome { ALREADY_PRESENT, CREATED, PROMOTED }
}
