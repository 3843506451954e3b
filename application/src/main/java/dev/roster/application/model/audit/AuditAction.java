package dev.roster.application.model.audit;

/** What an audit event records. The names are a public contract (API filters, data packages). */
public enum AuditAction {
    USER_CREATED("user.created"),
    USER_UPDATED("user.updated"),
    USER_DELETED("user.deleted"),
    USER_RESTORED("user.restored"),
    USER_PURGED("user.purged"),
    USER_ANONYMIZED("user.anonymized"),
    // SPEC §8 names it with an underscore, as the change types are written
    USER_ERASURE_REPLAYED("user.erasure_replayed"),
    DATA_EXPORTED("user.data-exported"),
    USERS_EXPORTED("users.exported"),
    USERS_IMPORTED("users.imported"),
    LEGAL_HOLD_PLACED("user.legal-hold-placed"),
    LEGAL_HOLD_LIFTED("user.legal-hold-lifted"),
    FILE_ADDED("user.file-added"),
    FILE_REMOVED("user.file-removed"),
    USER_DEACTIVATED("user.deactivated"),
    USER_REACTIVATED("user.reactivated"),
    ROLE_GRANTED("user.role-granted"),
    ROLE_REVOKED("user.role-revoked"),
    PASSWORD_SET("user.password-set"),
    PASSWORD_CHANGED("user.password-changed"),
    SESSIONS_REVOKED("user.sessions-revoked"),
    LOGIN_SUCCEEDED("login.succeeded"),
    LOGIN_FAILED("login.failed"),
    SERVICE_ACCOUNT_CREATED("service-account.created"),
    SERVICE_ACCOUNT_REVOKED("service-account.revoked"),
    SERVICE_ACCOUNT_KEY_ROTATED("service-account.key-rotated"),
    WEBHOOK_CREATED("webhook.created"),
    WEBHOOK_UPDATED("webhook.updated"),
    WEBHOOK_DELETED("webhook.deleted"),
    WEBHOOK_SECRET_ROTATED("webhook.secret-rotated"),
    PRIVACY_REQUEST_RECEIVED("privacy-request.received"),
    PRIVACY_REQUEST_EXTENDED("privacy-request.extended"),
    PRIVACY_REQUEST_ERASURE_BLOCKED("privacy-request.erasure-blocked"),
    PRIVACY_REQUEST_AWAITING_CONFIRMATIONS("privacy-request.awaiting-confirmations"),
    PRIVACY_REQUEST_COMPLETED("privacy-request.completed"),
    PRIVACY_REQUEST_REFUSED("privacy-request.refused"),
    PRIVACY_REQUEST_PACKAGE_DOWNLOADED("privacy-request.package-downloaded"),
    USER_RESTRICTED("user.restricted"),
    USER_RESTRICTION_LIFTED("user.restriction-lifted"),
    /** Written once by the V14 migration: the chain was re-linked over address commitments (ADR 0022). */
    AUDIT_CHAIN_RELINKED("audit.chain-relinked"),
    ERASURE_RECIPIENT_CREATED("erasure-recipient.created"),
    ERASURE_RECIPIENT_DELETED("erasure-recipient.deleted"),
    ERASURE_RECIPIENT_SECRET_ROTATED("erasure-recipient.secret-rotated"),
    ERASURE_RECIPIENT_BACKFILLED("erasure-recipient.backfilled"),
    ERASURE_CONFIRMATION_REFUSED("erasure-recipient.confirmation-refused"),
    ERASURE_CONFIRMED("user.erasure-confirmed");

    private final String wireName;

    AuditAction(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the API and in the hash chain, e.g. {@code user.created}. */
    public String wireName() {
        return wireName;
    }

    public static java.util.Optional<AuditAction> fromWireName(String name) {
        for (AuditAction action : values()) {
            if (action.wireName.equals(name)) {
                return java.util.Optional.of(action);
            }
        }
        return java.util.Optional.empty();
    }
}
