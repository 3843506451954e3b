package dev.roster.application.model.users;

import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserSnapshot;
import dev.roster.domain.user.UserStatus;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What callers may see of a user: every field but the password hash. Optional fields are {@code null} when unset.
 * {@code active} is the stored flag (false once deactivated or anonymized; a soft delete keeps it for restore);
 * {@code restricted} says processing is restricted (GDPR Art. 18: left out of bulk exports).
 */
public record UserView(
        UUID id,
        String email,
        String displayName,
        String phone,
        Map<String, String> attributes,
        Set<Role> roles,
        UserStatus status,
        boolean active,
        boolean hasPassword,
        Instant createdAt,
        Instant updatedAt,
        Instant lastLoginAt,
        Instant deletedAt,
        Instant anonymizedAt,
        long version,
        boolean legalHold,
        UUID erasureReceiptId,
        boolean restricted) {

    public UserView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        attributes = Map.copyOf(attributes);
        roles = Set.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
        Objects.requireNonNull(status, "status");
    }

    public static UserView of(UserSnapshot user) {
        return new UserView(user.id().value(), user.email().value(),
                user.displayName() == null ? null : user.displayName().value(),
                user.phone() == null ? null : user.phone().value(),
                user.attributes().asMap(), user.roles(), user.status(), user.active(),
                user.passwordHash() != null, user.createdAt(), user.updatedAt(), user.lastLoginAt(),
                user.deletedAt(), user.anonymizedAt(), user.version(), user.legalHold(), user.erasureReceiptId(),
                user.restricted());
    }

    @Override
    public String toString() {
        return "UserView[id=" + id + ", status=" + status + ", version=" + version + "]";
    }
}
