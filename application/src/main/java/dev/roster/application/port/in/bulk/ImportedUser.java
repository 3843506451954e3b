package dev.roster.application.port.in.bulk;

import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.DisplayName;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.Phone;
import dev.roster.domain.user.Role;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A valid import row. An empty optional means the file gave no value: a new user does without it, an updated user
 * keeps what it has. {@code passwordHash} is a hash made by another system (PHC argon2id or bcrypt), never a password;
 * {@code createdAt} keeps the original signup time of a migrated account (for new users only).
 */
public record ImportedUser(Email email, Optional<DisplayName> displayName, Optional<Phone> phone,
                           Optional<Attributes> attributes, Optional<Set<Role>> roles,
                           Optional<PasswordHash> passwordHash, Optional<Instant> createdAt) {
    public ImportedUser {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(attributes, "attributes");
        roles = roles.map(Set::copyOf);
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "ImportedUser[***]";
    }
}
