package dev.roster.adapters.in.http.access;

import dev.roster.adapters.in.http.problem.InvalidRequestException;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Bodies of the password endpoints. Their toString never shows a password. */
final class PasswordRequests {
    private PasswordRequests() {
    }

    /** {@code PUT /api/v1/users/{id}/password} */
    @Serdeable
    record SetPasswordRequest(@Nullable String password) {
        @Override
        public String toString() {
            return "SetPasswordRequest[***]";
        }
    }

    /** {@code PUT /api/v1/me/password} */
    @Serdeable
    record ChangeOwnPasswordRequest(@Nullable String currentPassword, @Nullable String newPassword) {
        @Override
        public String toString() {
            return "ChangeOwnPasswordRequest[***]";
        }
    }

    /** {@code POST /api/v1/me/erasure} */
    @Serdeable
    record ConfirmPasswordRequest(@Nullable String currentPassword) {
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
