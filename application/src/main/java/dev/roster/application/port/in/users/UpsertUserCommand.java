package dev.roster.application.port.in.users;

import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.DisplayName;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.Phone;

import java.util.Objects;
import java.util.Optional;

/**
 * Create the user with this email, or replace the profile of the one that has it (compared case-insensitively):
 * display name, phone and attributes become exactly what is given; absent ones are cleared.
 */
public record UpsertUserCommand(Email email, Optional<DisplayName> displayName, Optional<Phone> phone, Attributes attributes) {
    public UpsertUserCommand {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(attributes, "attributes");
    }
}
