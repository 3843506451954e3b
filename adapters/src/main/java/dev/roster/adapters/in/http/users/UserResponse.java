package dev.roster.adapters.in.http.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.application.model.users.UserView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A user as the API shows it. There is no password hash here, only whether one is set. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserResponse(
        UUID id,
        String email,
        @Nullable String displayName,
        @Nullable String phone,
        Map<String, String> attributes,
        List<String> roles,
        String status,
        boolean active,
        boolean hasPassword,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant lastLoginAt,
        @Nullable Instant deletedAt,
        @Nullable Instant anonymizedAt,
        long version) {

    public static UserResponse of(UserView user) {
        return new UserResponse(user.id(), user.email(), user.displayName(), user.phone(), user.attributes(),
                user.roles().stream().map(Enum::name).sorted().toList(), user.status().name(), user.active(),
                user.hasPassword(), user.createdAt(), user.updatedAt(), user.lastLoginAt(), user.deletedAt(),
                user.anonymizedAt(), user.version());
    }
}
