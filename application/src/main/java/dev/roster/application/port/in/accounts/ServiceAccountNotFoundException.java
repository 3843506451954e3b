package dev.roster.application.port.in.accounts;

import dev.roster.application.model.ApplicationException;

/** No service account has that id. */
public final class ServiceAccountNotFoundException extends ApplicationException {
    public ServiceAccountNotFoundException() {
        super("no service account with that id");
    }
}
