package dev.roster.application.model.webhooks;

import dev.roster.application.model.ApplicationException;

/**
 * A webhook URL whose host is, or resolves to, an address Roster must not call: loopback, private, link-local,
 * unique-local, unspecified, shared (CGNAT) or multicast, in any of their IPv4 or IPv6 spellings (SSRF guard).
 */
public final class ForbiddenTargetException extends ApplicationException {
    public ForbiddenTargetException() {
        super("The URL's host is, or resolves to, a loopback, private, link-local, unique-local or otherwise internal "
                + "address; webhooks may only call public addresses.");
    }
}
