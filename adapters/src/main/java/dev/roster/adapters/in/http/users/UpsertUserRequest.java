package dev.roster.adapters.in.http.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** Body of {@code PUT /api/v1/users/by-email/{email}}: the whole editable profile; absent fields are cleared. */
@Serdeable
public record UpsertUserRequest(
        @Nullable String displayName,
        @Nullable String phone,
        @Nullable Map<String, String> attributes) {
}
