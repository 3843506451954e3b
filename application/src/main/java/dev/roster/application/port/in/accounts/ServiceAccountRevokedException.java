package dev.roster.application.port.in.accounts;

import dev.roster.application.model.ApplicationException;

/** The service account was revoked: it gets no new key (create a new account instead). */
public final class ServiceAccountRevokedException extends ApplicationException {
    public ServiceAccountRevokedException() {
        super("the service account is revoked; create a new one");
    }
}
