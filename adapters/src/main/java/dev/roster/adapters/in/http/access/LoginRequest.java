package dev.roster.adapters.in.http.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code POST /login}. */
@Serdeable
public record LoginRequest(@Nullable String username, @Nullable String password) {
    @Override
    public String toString() {
        return "LoginRequest[***]";
    }
}
