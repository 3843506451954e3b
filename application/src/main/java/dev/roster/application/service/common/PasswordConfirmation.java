package dev.roster.application.service.common;

import dev.roster.application.port.in.access.WrongPasswordException;
import dev.roster.application.port.out.access.PasswordHasher;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.User;

/** A person confirms a sensitive action on their own account with their current password. */
public final class PasswordConfirmation {
    private PasswordConfirmation() {
    }

    /** @throws WrongPasswordException when the user has no password or {@code given} is not it */
    public static void confirm(PasswordHasher hasher, User user, PlainPassword given) {
        boolean matches = user.passwordHash().map(hash -> hasher.matches(given, hash)).orElse(false);
        if (!matches) {
            throw new WrongPasswordException();
        }
    }
}
