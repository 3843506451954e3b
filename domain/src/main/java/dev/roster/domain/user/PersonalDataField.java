package dev.roster.domain.user;

/**
 * The catalogue of a user's personal data: every field that identifies or describes a person, and how erasure
 * treats it. Anonymization, the erasure preview, the data package and exports derive their field lists from here,
 * so a personal field added to {@link User} must be added here too. By convention the aggregate's personal fields
 * are its package-private ones (so that only this catalogue can erase them); {@code PersonalDataFieldTest} fails when
 * such a field has no entry here.
 */
public enum PersonalDataField {
    EMAIL("email", Erasure.REPLACED_BY_PLACEHOLDER, "contact address and login name") {
        @Override
        boolean isPresentIn(UserSnapshot user) {
            return !user.email().isPlaceholder();
        }

        @Override
        void eraseFrom(User user) {
            user.email = Email.placeholderFor(user.id());
        }
    },
    DISPLAY_NAME("displayName", Erasure.CLEARED, "name shown to others") {
        @Override
        boolean isPresentIn(UserSnapshot user) {
            return user.displayName() != null;
        }

        @Override
        void eraseFrom(User user) {
            user.displayName = null;
        }
    },
    PHONE("phone", Erasure.CLEARED, "contact phone number") {
        @Override
        boolean isPresentIn(UserSnapshot user) {
            return user.phone() != null;
        }

        @Override
        void eraseFrom(User user) {
            user.phone = null;
        }
    },
    ATTRIBUTES("attributes", Erasure.CLEARED, "custom fields, which may hold anything about the person") {
        @Override
        boolean isPresentIn(UserSnapshot user) {
            return !user.attributes().isEmpty();
        }

        @Override
        void eraseFrom(User user) {
            user.attributes = Attributes.none();
        }
    },
    PASSWORD_HASH("passwordHash", Erasure.CLEARED, "credential derived from the person's password") {
        @Override
        boolean isPresentIn(UserSnapshot user) {
            return user.passwordHash() != null;
        }

        @Override
        void eraseFrom(User user) {
            user.passwordHash = null;
        }
    };

    /** How a field is erased. */
    public enum Erasure {
        /** Overwritten by a unique value that identifies nobody (the field is required). */
        REPLACED_BY_PLACEHOLDER,
        /** Removed. */
        CLEARED
    }

    private final String fieldName;
    private final Erasure erasure;
    private final String purpose;

    PersonalDataField(String fieldName, Erasure erasure, String purpose) {
        this.fieldName = fieldName;
        this.erasure = erasure;
        this.purpose = purpose;
    }

    /** The field's name as the API, the data package and exports spell it. */
    public String fieldName() {
        return fieldName;
    }

    public Erasure erasure() {
        return erasure;
    }

    /** Why the field is kept, in words a data-protection officer can pass on. */
    public String purpose() {
        return purpose;
    }

    /** Whether the user still holds personal data in this field. */
    abstract boolean isPresentIn(UserSnapshot user);

    abstract void eraseFrom(User user);

    /** Public view of {@link #isPresentIn(UserSnapshot)} for previews and checks outside the package. */
    public boolean holdsDataIn(UserSnapshot user) {
        return isPresentIn(user);
    }
}
