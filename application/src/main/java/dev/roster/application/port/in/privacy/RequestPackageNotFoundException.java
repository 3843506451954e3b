package dev.roster.application.port.in.privacy;

import dev.roster.application.model.ApplicationException;

/** The request has no data package: it was not fulfilled with one, or the user's erasure removed it. */
public final class RequestPackageNotFoundException extends ApplicationException {
    public RequestPackageNotFoundException() {
        super("The request has no data package: only completed ACCESS and PORTABILITY requests have one, until the user is erased.");
    }
}
