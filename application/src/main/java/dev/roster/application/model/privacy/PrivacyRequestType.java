package dev.roster.application.model.privacy;

import java.util.Optional;

/** The rights a person exercises through a privacy request (GDPR Art. 15, 20, 17, 16, 18, 21). The names are a public contract. */
public enum PrivacyRequestType {
    /** Art. 15: a copy of the personal data; fulfilled with the data package. */
    ACCESS,
    /** Art. 20: the data in a machine-readable form; fulfilled with the same data package. */
    PORTABILITY,
    /** Art. 17: erasure; fulfilled by Roster's erasure (anonymization with a receipt). */
    ERASURE,
    /** Art. 16: correction of inaccurate data; staff correct it and note what was done. */
    RECTIFICATION,
    /** Art. 18: restriction of processing; the user is marked restricted (kept, but left out of bulk exports). */
    RESTRICTION,
    /** Art. 21: objection to processing; staff note what was done. */
    OBJECTION;

    /** The type with this name, case-insensitive; empty for anything else. */
    public static Optional<PrivacyRequestType> fromName(String name) {
        for (PrivacyRequestType type : values()) {
            if (type.name().equalsIgnoreCase(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
