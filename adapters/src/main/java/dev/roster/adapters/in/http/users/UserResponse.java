package dev.roster.adapters.in.http.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.application.model.users.UserView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A user as the API shows it. There is no password hash here, only whether one is set. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserResponse(
        @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID id,
        @Schema(format = "email", maxLength = 254, description = "As given; an anonymized user's is a placeholder in the .invalid domain.") String email,
        @Schema(maxLength = 200) @Nullable String displayName,
        @Schema(maxLength = 16, pattern = ApiDoc.PHONE_PATTERN, description = "E.164.") @Nullable String phone,
        @Schema(ref = ApiDoc.ATTRIBUTES) Map<String, String> attributes,
        @ArraySchema(maxItems = 3, uniqueItems = true, schema = @Schema(allowableValues = {"USER", "AUDITOR", "ADMIN"})) List<String> roles,
        @Schema(allowableValues = {"ACTIVE", "DEACTIVATED", "DELETED", "ANONYMIZED"}) String status,
        boolean active,
        boolean hasPassword,
        @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant createdAt,
        @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant updatedAt,
        @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) @Nullable Instant lastLoginAt,
        @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) @Nullable Instant deletedAt,
        @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) @Nullable Instant anonymizedAt,
        @Schema(minimum = "0", maximum = ApiDoc.MAX_LONG, description = "The optimistic-locking version, also the ETag.") long version,
        @Schema(description = "Whether a legal hold stands (erasure and purge are refused); details at /api/v1/users/{id}/legal-hold.")
        boolean legalHold,
        @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, description = "The receipt of the user's erasure; null until anonymized.")
        @Nullable UUID receiptId,
        @Schema(description = "Whether processing is restricted (GDPR Art. 18, after a completed RESTRICTION request): the data is "
                + "kept but the user is left out of bulk exports until DELETE /api/v1/users/{id}/restriction lifts it.")
        boolean restricted) {

    public static UserResponse of(UserView user) {
        return new UserResponse(user.id(), user.email(), user.displayName(), user.phone(), user.attributes(),
                user.roles().stream().map(Enum::name).sorted().toList(), user.status().name(), user.active(),
                user.hasPassword(), user.createdAt(), user.updatedAt(), user.lastLoginAt(), user.deletedAt(),
                user.anonymizedAt(), user.version(), user.legalHold(), user.erasureReceiptId(), user.restricted());
    }
}
