package dev.roster.adapters.in.http.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;

import java.util.List;

/** Every service account, revoked ones included, oldest first; {@code items} is always present. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ServiceAccountListResponse(@ArraySchema(maxItems = Integer.MAX_VALUE) List<ServiceAccountResponse> items) {
}
