package dev.roster.adapters.in.http.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.application.port.in.users.UserPage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** One page of users; {@code nextCursor} is null on the last page. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserPageResponse(@ArraySchema(maxItems = 500) List<UserResponse> items,
                               @Schema(maxLength = 200, pattern = "^[A-Za-z0-9_-]+$", description = "Pass as cursor for the next page.") @Nullable String nextCursor) {

    public static UserPageResponse of(UserPage page) {
        return new UserPageResponse(page.items().stream().map(UserResponse::of).toList(), page.nextCursor().orElse(null));
    }
}
