package dev.roster.application.port.out.access;

/** The actions that are rate-limited, each with its own configurable limit. */
public enum RateLimitedAction {
    /** login attempts from one client address */
    LOGIN_PER_CLIENT(true),
    /** failed logins for one email from one client address: used up, that client is refused for that email */
    LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT(true),
    /** failed logins for one email from all clients: used up, every further failure uses up its client's budget */
    LOGIN_FAILURES_PER_ACCOUNT(true),
    /** password changes by or for one user (the self-service change checks the current password) */
    PASSWORD_CHANGE(true),
    /** hard deletes (purges) by one administrator */
    HARD_DELETE(false),
    /** anonymizations (GDPR erasures) by one caller */
    ANONYMIZE(false),
    /** data packages and exports by one caller */
    EXPORT(false),
    /** imports by one caller */
    IMPORT(false);

    private final boolean guardsPasswordChecks;

    RateLimitedAction(boolean guardsPasswordChecks) {
        this.guardsPasswordChecks = guardsPasswordChecks;
    }

    /**
     * Whether the limit is what stops password guessing. Such an action is refused when its limit cannot be counted
     * (fail closed); the others fall back to a narrower count (ADR 0023).
     */
    public boolean guardsPasswordChecks() {
        return guardsPasswordChecks;
    }
}
