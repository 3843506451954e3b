package dev.roster.domain.user;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An immutable copy of every field of a {@link User}, for storing and for building read views. Optional fields
 * are {@code null} here (it is a plain data carrier); the accessors with an {@code Optional} say which.
 * {@code sessionGeneration} counts the security events that ended the user's sessions: a token carries the
 * generation it was issued in and is accepted only while it is still the current one. {@code legalHold} says whether a
 * legal hold stands (its details are kept beside the user), {@code erasureReceiptId} names the receipt of the user's
 * erasure once it is anonymized ({@code null} before), {@code restricted} whether processing is restricted (GDPR Art.
 * 18: the data is kept but left out of bulk exports).
 */
public record UserSnapshot(
        UserId id,
        Email email,
        DisplayName displayName,
        Phone phone,
        Attributes attributes,
        Set<Role> roles,
        PasswordHash passwordHash,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        Instant lastLoginAt,
        Instant deletedAt,
        Instant anonymizedAt,
        long version,
        long sessionGeneration,
        boolean legalHold,
        UUID erasureReceiptId,
        boolean restricted) {

    public UserSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        roles = Set.copyOf(roles.isEmpty() ? EnumSet.of(Role.USER) : EnumSet.copyOf(roles));
        if (!roles.contains(Role.USER)) {
            EnumSet<Role> withUser = EnumSet.copyOf(roles);
            withUser.add(Role.USER);
            roles = Set.copyOf(withUser);
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
        if (sessionGeneration < 0) {
            throw new IllegalArgumentException("sessionGeneration must not be negative");
        }
    }

    public UserStatus status() {
        return UserStatus.derive(active, deletedAt, anonymizedAt);
    }

    /** The same user as stored one version later (what a successful update leaves in the store). */
    public UserSnapshot withVersion(long newVersion) {
        return new UserSnapshot(id, email, displayName, phone, attributes, roles, passwordHash, active, createdAt,
                updatedAt, lastLoginAt, deletedAt, anonymizedAt, newVersion, sessionGeneration, legalHold,
                erasureReceiptId, restricted);
    }
}
