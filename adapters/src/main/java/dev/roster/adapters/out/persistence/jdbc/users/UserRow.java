package dev.roster.adapters.out.persistence.jdbc.users;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code users} (columns in {@link UsersTable}). {@code emailCanonical} and {@code displayNameLower} are
 * the keys that uniqueness and substring search use; {@code status} is the derived status, stored so that filters
 * and counts need no logic; {@code version} is the optimistic lock and the HTTP {@code ETag}; {@code sessionGeneration}
 * is the generation a token must carry to be accepted; {@code legalHold} and {@code erasureReceiptId} (nullable) mirror
 * {@code legal_holds} and {@code erasure_receipts} for the user resource; {@code restricted} is the restriction of
 * processing (GDPR Art. 18), which keeps the user out of bulk exports. The nullable
 * components are {@code displayName}, {@code displayNameLower}, {@code phone}, {@code passwordHash} and the
 * last-login, deletion and anonymization instants.
 */
record UserRow(
        UUID id,
        String email,
        String emailCanonical,
        String displayName,
        String displayNameLower,
        String phone,
        String passwordHash,
        String status,
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
}
