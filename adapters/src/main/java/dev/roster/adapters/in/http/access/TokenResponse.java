package dev.roster.adapters.in.http.access;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A bearer token as OAuth 2.0 (RFC 6749 §5.1) spells it. */
@Serdeable
public record TokenResponse(@Schema(description = "A signed JWT.", maxLength = 4096, pattern = "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$") @JsonProperty("access_token") String accessToken,
                            @Schema(allowableValues = "Bearer") @JsonProperty("token_type") String tokenType,
                            @Schema(description = "Seconds until it expires.", minimum = "1", maximum = "2147483647") @JsonProperty("expires_in") int expiresIn) {
}
