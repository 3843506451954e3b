package dev.roster.adapters.in.http.access;

import dev.roster.adapters.in.http.problem.InvalidRequestException;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** Bodies of the password endpoints. Their toString never shows a password. */
final class PasswordRequests {
    private PasswordRequests() {
    }

    /** {@code PUT /api/v1/users/{id}/password} */
    @Serdeable
    @Schema(requiredProperties = "password", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record SetPasswordRequest(@Schema(format = "password", maxLength = 128, writeOnly = true, description = "The password policy applies (400 weak-password).") @Nullable String password) {
        @Override
        public String toString() {
            return "SetPasswordRequest[***]";
        }
    }

    /** {@code PUT /api/v1/me/password} */
    @Serdeable
    @Schema(requiredProperties = {"currentPassword", "newPassword"}, additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record ChangeOwnPasswordRequest(@Schema(format = "password", maxLength = 1048576, writeOnly = true) @Nullable String currentPassword,
                                    @Schema(format = "password", maxLength = 128, writeOnly = true, description = "The password policy applies (400 weak-password).") @Nullable String newPassword) {
        @Override
        public String toString() {
            return "ChangeOwnPasswordRequest[***]";
        }
    }

    /** {@code POST /api/v1/me/erasure} */
    @Serdeable
    @Schema(requiredProperties = "currentPassword", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record ConfirmPasswordRequest(@Schema(format = "password", maxLength = 1048576, writeOnly = true) @Nullable String currentPassword) {
        @Override
        public String toString() {
            return "ConfirmPasswordRequest[***]";
        }
    }

    static String required(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw InvalidRequestException.of(field, "is required");
        }
        return value;
    }
}
