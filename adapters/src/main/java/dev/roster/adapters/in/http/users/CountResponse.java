package dev.roster.adapters.in.http.users;

import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code GET /api/v1/users/count}. */
@Serdeable
public record CountResponse(long count) {
}
