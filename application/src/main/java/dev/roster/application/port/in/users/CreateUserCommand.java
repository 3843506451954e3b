package dev.roster.application.port.in.users;

import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.DisplayName;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.Phone;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.Role;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Create an active user; the roles default to USER; the password is optional (an admin may set one later). */
public record CreateUserCommand(Email email, Optional<DisplayName> displayName, Optional<Phone> phone,
                                Attributes attributes, Set<Role> roles, Optional<PlainPassword> password) {
    public CreateUserCommand {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(attributes, "attributes");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(password, "password");
    }
}
