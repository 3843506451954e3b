package dev.roster.application.port.out.access;

/** The actions that are rate-limited, each with its own configurable limit. */
public enum RateLimitedAction {
    /** login attempts for one email address */
    LOGIN_PER_EMAIL,
    /** login attempts from one client address */
    LOGIN_PER_CLIENT,
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
