package dev.roster.domain.user;

import java.util.Objects;
import java.util.Optional;

/** A partial change of the profile fields an operator may edit. The email can be replaced but never cleared. */
public record ProfileChange(Optional<Email> email, Change<DisplayName> displayName, Change<Phone> phone,
                            AttributeChanges attributes) {

    public ProfileChange {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(attributes, "attributes");
    }

    public static ProfileChange none() {
        return new ProfileChange(Optional.empty(), Change.keep(), Change.keep(), AttributeChanges.none());
    }

    public ProfileChange withEmail(Email newEmail) {
        return new ProfileChange(Optional.of(newEmail), displayName, phone, attributes);
    }

    public ProfileChange withDisplayName(Change<DisplayName> change) {
        return new ProfileChange(email, change, phone, attributes);
    }

    public ProfileChange withPhone(Change<Phone> change) {
        return new ProfileChange(email, displayName, change, attributes);
    }

    public ProfileChange withAttributes(AttributeChanges change) {
        return new ProfileChange(email, displayName, phone, change);
    }
}
