package dev.roster.application.model.accounts;

import java.util.Optional;

/**
 * What a service account's key may read (SPEC §6). Every scope is read-only; the wire names are a public contract
 * (request bodies, responses, and the values routes name in {@code @Secured}).
 */
public enum Scope {
    /** The change feed. */
    EVENTS_READ("events:read"),
    /** User reads: one user, by email, list and search, count. */
    USERS_READ("users:read"),
    /** Signup statistics and user counts. */
    STATS_READ("stats:read"),
    /** The Prometheus metrics endpoint. */
    METRICS_READ("metrics:read"),
    /** The audit trail and its verification. */
    AUDIT_READ("audit:read");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the API, e.g. {@code users:read}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWireName(String name) {
        for (Scope scope : values()) {
            if (scope.wireName.equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
