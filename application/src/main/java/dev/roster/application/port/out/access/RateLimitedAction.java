package dev.roster.application.port.out.access;

/** The actions that are rate-limited, each with its own configurable limit. */
public enum RateLimitedAction {
    /** login attempts from one client address */
    LOGIN_PER_CLIENT,
    /** failed logins for one email from one client address: used up, that client is refused for that email */
    LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT,
    /** failed logins for one email from all clients: used up, every further failure uses up its client's budget */
    LOGIN_FAILURES_PER_ACCOUNT,
    /** password changes by or for one user */
    PASSWORD_CHANGE,
    /** hard deletes (purges) by one administrator */
    HARD_DELETE,
    /** anonymizations (GDPR erasures) by one caller */
    ANONYMIZE,
    /** data packages and exports by one caller */
    EXPORT,
    /** imports by one caller */
    IMPORT
}
