package dev.roster.application.port.in.lifecycle;

import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.UserId;

/**
 * A user soft-deletes its own account after confirming its password (the same soft delete as an administrator's:
 * restorable by an administrator until retention erases it; every token of the user dies). Rate-limited like other
 * password confirmations.
 */
public interface DeleteOwnAccountUseCase {
    /**
     * @throws dev.roster.application.port.in.access.WrongPasswordException when the password does not match
     * @throws dev.roster.domain.user.LastAdminException                     for the last active administrator
     */
    void deleteOwnAccount(UserId self, PlainPassword currentPassword);
}
