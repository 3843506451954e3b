package dev.roster.adapters.in.http.privacy;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.application.model.privacy.PrivacyRequest;
import dev.roster.application.model.privacy.PrivacyRequestType;
import dev.roster.application.port.in.privacy.FilePrivacyRequestCommand;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Optional;

/**
 * The bodies the privacy-request endpoints read, checked for shape (every rejected field at once) before the service
 * applies the rules that need the stored request (409).
 */
final class PrivacyRequestBodies {
    static final String TYPES = "ACCESS, PORTABILITY, ERASURE, RECTIFICATION, RESTRICTION or OBJECTION";
    private static final String NOTE_DESCRIPTION = "Free text, at most 2000 characters after trimming (tab and line breaks "
            + "allowed); kept with the request, never in the audit trail or change events.";
    private static final String REASON_DESCRIPTION = "Free text, 1 to 1000 characters after trimming (tab and line breaks "
            + "allowed); kept with the request, never in the audit trail or change events.";

    private PrivacyRequestBodies() {
    }

    /** {@code POST /api/v1/privacy-requests} */
    @Serdeable
    @Schema(requiredProperties = {"type", "userId"}, additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record FileRequest(
            @Schema(allowableValues = {"ACCESS", "PORTABILITY", "ERASURE", "RECTIFICATION", "RESTRICTION", "OBJECTION"}) @Nullable String type,
            @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, description = "The person's user id; 400 when it names no user.") @Nullable String userId,
            @Schema(format = "date-time", maxLength = 64, description = "When the request reached the organisation (ISO-8601 "
                    + "with offset, not in the future); default: now. The due date counts from it.") @Nullable String receivedAt,
            @Schema(maxLength = PrivacyRequest.MAX_NOTE_LENGTH, nullable = true, description = NOTE_DESCRIPTION) @Nullable String note) {

        FilePrivacyRequestCommand toCommand() {
            FieldErrors errors = new FieldErrors();
            PrivacyRequestType parsedType = parseType(errors, type);
            UserId user = null;
            if (userId == null) {
                errors.add("userId", "is required");
            } else {
                user = errors.attemptAs("userId", () -> UserId.parse(userId));
            }
            Instant received = receivedAt == null ? null : errors.instant("receivedAt", receivedAt);
            if (receivedAt != null && receivedAt.isBlank()) {
                errors.add("receivedAt", "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
            }
            errors.throwIfAny();
            return new FilePrivacyRequestCommand(parsedType, user, Optional.ofNullable(received), Optional.ofNullable(note));
        }
    }

    /** {@code POST /api/v1/me/privacy-requests} */
    @Serdeable
    @Schema(requiredProperties = "type", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record FileOwnRequest(
            @Schema(allowableValues = {"ACCESS", "PORTABILITY", "ERASURE", "RECTIFICATION", "RESTRICTION", "OBJECTION"}) @Nullable String type,
            @Schema(maxLength = PrivacyRequest.MAX_NOTE_LENGTH, nullable = true, description = "What you ask for, in your words; "
                    + "at most 2000 characters.") @Nullable String note) {

        PrivacyRequestType parsedType() {
            FieldErrors errors = new FieldErrors();
            PrivacyRequestType parsed = parseType(errors, type);
            errors.throwIfAny();
            return parsed;
        }
    }

    /** {@code POST /api/v1/privacy-requests/{id}/extend} */
    @Serdeable
    @Schema(requiredProperties = {"reason", "months"}, additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record ExtendRequest(
            @Schema(maxLength = PrivacyRequest.MAX_REASON_LENGTH, description = REASON_DESCRIPTION) @Nullable String reason,
            @Schema(minimum = "1", maximum = "2", description = "By how many calendar months (1 or 2): the due date becomes "
                    + "receivedAt plus 1 + months.") @Nullable Long months) {

        int checkedMonths() {
            FieldErrors errors = new FieldErrors();
            requireText(errors, "reason", reason);
            if (months == null) {
                errors.add("months", "is required");
            } else if (months != 1 && months != 2) {
                errors.add("months", "must be 1 or 2");
            }
            errors.throwIfAny();
            return months.intValue();
        }
    }

    /** {@code POST /api/v1/privacy-requests/{id}/complete}; the body may be left out. */
    @Serdeable
    @Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record CompleteRequest(
            @Schema(maxLength = PrivacyRequest.MAX_NOTE_LENGTH, nullable = true, description = "What was done; required for "
                    + "RECTIFICATION and OBJECTION. " + NOTE_DESCRIPTION) @Nullable String note) {
    }

    /** {@code POST /api/v1/privacy-requests/{id}/refuse} */
    @Serdeable
    @Schema(requiredProperties = "reason", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record RefuseRequest(@Schema(maxLength = PrivacyRequest.MAX_REASON_LENGTH, description = REASON_DESCRIPTION) @Nullable String reason) {

        String checkedReason() {
            FieldErrors errors = new FieldErrors();
            requireText(errors, "reason", reason);
            errors.throwIfAny();
            return reason;
        }
    }

    private static PrivacyRequestType parseType(FieldErrors errors, String name) {
        if (name == null) {
            errors.add("type", "is required");
            return null;
        }
        Optional<PrivacyRequestType> type = PrivacyRequestType.fromName(name.strip());
        if (type.isEmpty()) {
            errors.add("type", "must be " + TYPES);
        }
        return type.orElse(null);
    }

    private static void requireText(FieldErrors errors, String field, String text) {
        if (text == null || text.isBlank()) {
            errors.add(field, "is required and must not be blank");
        }
    }
}
