package dev.roster.adapters.out.persistence.jdbc.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code users}. {@code emailCanonical} and {@code displayNameLower} are the keys that uniqueness and
 * substring search use; {@code status} is the derived status, stored so that filters and counts need no logic.
 */
@MappedEntity("users")
public record UserRow(
        @Id UUID id,
        String email,
        String emailCanonical,
        @Nullable String displayName,
        @Nullable String displayNameLower,
        @Nullable String phone,
        @Nullable String passwordHash,
        String status,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant lastLoginAt,
        @Nullable Instant deletedAt,
        @Nullable Instant anonymizedAt,
        @Version long version) {
}
