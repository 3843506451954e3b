package dev.roster.application.port.in.access;

import dev.roster.application.model.ApplicationException;

/**
 * Login refused. Deliberately says nothing about why (unknown email, wrong password, inactive account), so that
 * a caller cannot learn whether an address has an account.
 */
public final class AuthenticationFailedException extends ApplicationException {
    public AuthenticationFailedException() {
        super("invalid email or password");
    }
}
