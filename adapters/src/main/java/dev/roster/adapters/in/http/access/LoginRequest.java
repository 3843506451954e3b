package dev.roster.adapters.in.http.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /login}. */
@Serdeable
@Schema(requiredProperties = {"username", "password"}, additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record LoginRequest(@Schema(description = "The email address.", format = "email", maxLength = 254) @Nullable String username,
                           @Schema(format = "password", maxLength = 1048576, writeOnly = true) @Nullable String password) {
    @Override
    public String toString() {
        return "LoginRequest[***]";
    }
}
