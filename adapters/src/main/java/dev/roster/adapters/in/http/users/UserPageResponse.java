package dev.roster.adapters.in.http.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.application.port.in.users.UserPage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One page of users; {@code nextCursor} is null on the last page. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserPageResponse(List<UserResponse> items, @Nullable String nextCursor) {

    public static UserPageResponse of(UserPage page) {
        return new UserPageResponse(page.items().stream().map(UserResponse::of).toList(), page.nextCursor().orElse(null));
    }
}
