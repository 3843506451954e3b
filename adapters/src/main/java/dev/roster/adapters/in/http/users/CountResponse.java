package dev.roster.adapters.in.http.users;

import dev.roster.adapters.in.http.common.ApiDoc;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code GET /api/v1/users/count}. */
@Serdeable
public record CountResponse(@Schema(minimum = "0", maximum = ApiDoc.MAX_LONG) long count) {
}
