package dev.roster.adapters.in.http.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** Body of {@code POST /api/v1/users}. Unknown fields are rejected (micronaut.serde.deserialization.ignore-unknown=false). */
@Serdeable
public record CreateUserRequest(
        @Nullable String email,
        @Nullable String displayName,
        @Nullable String phone,
        @Nullable Map<String, String> attributes,
        @Nullable List<String> roles,
        @Nullable String password) {

    @Override
    public String toString() {
        return "CreateUserRequest[***]";
    }
}
