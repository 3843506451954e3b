package dev.roster.adapters.in.http.common;

/**
 * Role names and service-account scopes as {@code @Secured} values (annotations need constants): the roles equal the
 * domain's Role names, the scopes the wire names of the application's Scope (ADR 0017). A user's token is granted
 * only roles, a service account's key only scopes.
 */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String AUDITOR = "AUDITOR";

    /** Scope: the change feed. */
    public static final String EVENTS_READ = "events:read";
    /** Scope: user reads (one, by email, list and search, count); no exports, data packages or writes. */
    public static final String USERS_READ = "users:read";
    /** Scope: {@code /api/v1/stats/**}. */
    public static final String STATS_READ = "stats:read";
    /** Scope: {@code /prometheus}. */
    public static final String METRICS_READ = "metrics:read";
    /** Scope: the audit trail and its verification. */
    public static final String AUDIT_READ = "audit:read";

    private Roles() {
    }
}
