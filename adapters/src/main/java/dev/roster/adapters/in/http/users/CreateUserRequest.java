package dev.roster.adapters.in.http.users;

import dev.roster.adapters.in.http.common.ApiDoc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** Body of {@code POST /api/v1/users}. Unknown fields are rejected (micronaut.serde.deserialization.ignore-unknown=false). */
@Serdeable
@Schema(requiredProperties = "email", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record CreateUserRequest(
        @Schema(format = "email", maxLength = 254, description = "Required; unique by its identity (409 email-taken).") @Nullable String email,
        @Schema(maxLength = 200, description = "1 to 200 characters after trimming.") @Nullable String displayName,
        @Schema(maxLength = 16, pattern = ApiDoc.PHONE_PATTERN, description = "E.164.") @Nullable String phone,
        @Schema(ref = ApiDoc.ATTRIBUTES) @Nullable Map<String, String> attributes,
        @ArraySchema(maxItems = 3, uniqueItems = true, arraySchema = @Schema(description = "USER is always held; case-insensitive."),
                schema = @Schema(allowableValues = {"USER", "AUDITOR", "ADMIN"})) @Nullable List<String> roles,
        @Schema(format = "password", maxLength = 128, writeOnly = true, description = "Optional; the password policy applies (400 weak-password).") @Nullable String password) {

    @Override
    public String toString() {
        return "CreateUserRequest[***]";
    }
}
