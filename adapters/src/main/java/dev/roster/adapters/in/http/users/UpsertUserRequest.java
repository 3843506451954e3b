package dev.roster.adapters.in.http.users;

import dev.roster.adapters.in.http.common.ApiDoc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/** Body of {@code PUT /api/v1/users/by-email/{email}}: the whole editable profile; absent fields are cleared. */
@Serdeable
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record UpsertUserRequest(
        @Schema(maxLength = 200, description = "1 to 200 characters after trimming; absent clears it.") @Nullable String displayName,
        @Schema(maxLength = 16, pattern = ApiDoc.PHONE_PATTERN, description = "E.164; absent clears it.") @Nullable String phone,
        @Schema(ref = ApiDoc.ATTRIBUTES) @Nullable Map<String, String> attributes) {
}
