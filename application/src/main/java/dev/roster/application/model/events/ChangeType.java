package dev.roster.application.model.events;

import java.util.Optional;

/**
 * What a change event says happened to a user or to a privacy request about a user. The wire names are a public contract
 * (SPEC §6, §8).
 */
public enum ChangeType {
    USER_CREATED("user.created"),
    USER_UPDATED("user.updated"),
    USER_DEACTIVATED("user.deactivated"),
    USER_REACTIVATED("user.reactivated"),
    USER_DELETED("user.deleted"),
    USER_RESTORED("user.restored"),
    USER_ROLES_CHANGED("user.roles_changed"),
    USER_ANONYMIZED("user.anonymized"),
    USER_PURGED("user.purged"),
    USER_LEGAL_HOLD_PLACED("user.legal_hold_placed"),
    USER_LEGAL_HOLD_LIFTED("user.legal_hold_lifted"),
    USER_RESTRICTED("user.restricted"),
    USER_RESTRICTION_LIFTED("user.restriction_lifted"),
    PRIVACY_REQUEST_RECEIVED("privacy_request.received"),
    PRIVACY_REQUEST_EXTENDED("privacy_request.extended"),
    PRIVACY_REQUEST_COMPLETED("privacy_request.completed"),
    PRIVACY_REQUEST_REFUSED("privacy_request.refused");

    private final String wireName;

    ChangeType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the feed, in webhook bodies and in the {@code type} filter, e.g. {@code user.deleted}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<ChangeType> fromWireName(String name) {
        for (ChangeType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
