package dev.roster.adapters.in.http.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Body of {@code POST /api/v1/service-accounts}. Unknown fields are rejected. */
@Serdeable
@Schema(requiredProperties = {"name", "scopes"}, additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record CreateServiceAccountRequest(
        @Schema(maxLength = 100, description = "For people: what uses the key, e.g. prometheus-eu-1. 1 to 100 characters "
                + "after trimming, one line.") @Nullable String name,
        @ArraySchema(minItems = 1, maxItems = 5, uniqueItems = true, arraySchema = @Schema(description = "What the key may "
                + "read; at least one."), schema = @Schema(allowableValues = {"events:read", "users:read", "stats:read",
                "metrics:read", "audit:read"})) @Nullable List<String> scopes) {
}
