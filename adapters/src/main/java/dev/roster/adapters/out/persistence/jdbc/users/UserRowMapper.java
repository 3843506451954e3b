package dev.roster.adapters.out.persistence.jdbc.users;

import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.CaseFold;
import dev.roster.domain.user.DisplayName;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.Phone;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserSnapshot;

import java.util.Map;
import java.util.Set;

/** The one seam between the domain's {@link UserSnapshot} and a {@link UserRow}. */
final class UserRowMapper {
    private UserRowMapper() {
    }

    static UserRow toRow(UserSnapshot user) {
        String displayName = user.displayName() == null ? null : user.displayName().value();
        return new UserRow(
                user.id().value(),
                user.email().value(),
                user.email().canonical(),
                displayName,
                displayName == null ? null : CaseFold.fold(displayName),
                user.phone() == null ? null : user.phone().value(),
                user.passwordHash() == null ? null : user.passwordHash().value(),
                user.status().name(),
                user.active(),
                user.createdAt(),
                user.updatedAt(),
                user.lastLoginAt(),
                user.deletedAt(),
                user.anonymizedAt(),
                user.version(),
                user.sessionGeneration(),
                user.legalHold(),
                user.erasureReceiptId(),
                user.restricted());
    }

    /**
     * The snapshot of a stored row. Stored values were validated when they were written, so the value objects are
     * rebuilt without checking them again ({@code fromStorage}): this runs for every row of every page and export.
     */
    static UserSnapshot toSnapshot(UserRow row, Set<Role> roles, Map<String, String> attributes) {
        return new UserSnapshot(
                new UserId(row.id()),
                Email.fromStorage(row.email()),
                row.displayName() == null ? null : DisplayName.fromStorage(row.displayName()),
                row.phone() == null ? null : Phone.fromStorage(row.phone()),
                Attributes.fromStorage(attributes),
                roles,
                row.passwordHash() == null ? null : new PasswordHash(row.passwordHash()),
                row.active(),
                row.createdAt(),
                row.updatedAt(),
                row.lastLoginAt(),
                row.deletedAt(),
                row.anonymizedAt(),
                row.version(),
                row.sessionGeneration(),
                row.legalHold(),
                row.erasureReceiptId(),
                row.restricted());
    }
}
