package dev.roster.adapters.in.http.bulk;

import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.problem.Problem;
import dev.roster.adapters.in.http.users.UserRequests;
import dev.roster.application.port.in.bulk.ImportError;
import dev.roster.application.port.in.bulk.ImportRow;
import dev.roster.application.port.in.bulk.ImportedUser;
import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.DisplayName;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.PasswordHash;
import dev.roster.domain.user.Phone;
import dev.roster.domain.user.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one import record into an {@link ImportRow}, with the API's value objects doing the validating (the same
 * rules as {@code POST /api/v1/users}); every rejected field of the record is reported with the record's line.
 */
final class ImportRecords {
    /** The columns (CSV) and members (NDJSON) an import understands: the API's field names. */
    static final List<String> COLUMNS = List.of("email", "displayName", "phone", "attributes", "roles", "passwordHash", "createdAt");

    /**
     * Columns and members an export writes that an import cannot set (the store assigns them): accepted and ignored, so
     * that a default export imports back as it is (ADR 0011).
     */
    static final List<String> EXPORT_ONLY = List.of("id", "status", "active", "hasPassword", "updatedAt", "lastLoginAt",
            "deletedAt", "anonymizedAt", "version");

    private ImportRecords() {
    }

    /** One NDJSON line, bound with unknown members rejected. */
    @Serdeable
    @SuppressWarnings("unused") // the export-only components exist to be accepted, never read
    record ImportRecord(@Nullable String email, @Nullable String displayName, @Nullable String phone,
                        @Nullable Map<String, String> attributes, @Nullable List<String> roles,
                        @Nullable String passwordHash, @Nullable String createdAt,
                        // EXPORT_ONLY: what an NDJSON export writes besides the importable members, read and ignored
                        @Nullable Object id, @Nullable Object status, @Nullable Object active, @Nullable Object hasPassword,
                        @Nullable Object updatedAt, @Nullable Object lastLoginAt, @Nullable Object deletedAt,
                        @Nullable Object anonymizedAt, @Nullable Object version) {
        @Override
        public String toString() {
            return "ImportRecord[***]";
        }
    }

    /** Absent (null) values are left out; a new user does without them, an updated user keeps what it has. */
    static ImportRow toRow(long line, ImportRecord record) {
        FieldErrors errors = new FieldErrors();
        Email email = null;
        if (record.email() == null || record.email().isEmpty()) {
            errors.add("email", "is required");
        } else {
            email = errors.attempt(() -> new Email(record.email()));
        }
        DisplayName displayName = record.displayName() == null ? null : errors.attempt(() -> new DisplayName(record.displayName()));
        Phone phone = record.phone() == null ? null : errors.attempt(() -> new Phone(record.phone()));
        Attributes attributes = record.attributes() == null ? null : UserRequests.attributes(record.attributes(), errors);
        Set<Role> roles = record.roles() == null ? null : UserRequests.roles(record.roles(), errors);
        PasswordHash hash = null;
        if (record.passwordHash() != null) {
            if (record.passwordHash().isBlank() || record.passwordHash().length() > 512) {
                errors.add("passwordHash", "must be a PHC (argon2id) or bcrypt hash of at most 512 characters");
            } else {
                hash = new PasswordHash(record.passwordHash());
            }
        }
        Instant createdAt = errors.instant("createdAt", record.createdAt());
        if (!errors.isEmpty()) {
            List<ImportError> rowErrors = new ArrayList<>();
            for (Problem.FieldError error : errors.list()) {
                rowErrors.add(new ImportError(line, error.field(), error.message()));
            }
            return ImportRow.invalid(line, rowErrors);
        }
        return ImportRow.valid(line, new ImportedUser(email, Optional.ofNullable(displayName), Optional.ofNullable(phone),
                Optional.ofNullable(attributes), Optional.ofNullable(roles), Optional.ofNullable(hash), Optional.ofNullable(createdAt)));
    }

    static ImportRow invalid(long line, String field, String message) {
        return ImportRow.invalid(line, List.of(new ImportError(line, field, message)));
    }
}
