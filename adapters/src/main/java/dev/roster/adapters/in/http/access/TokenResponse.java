package dev.roster.adapters.in.http.access;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** A bearer token as OAuth 2.0 (RFC 6749 §5.1) spells it. */
@Serdeable
public record TokenResponse(@JsonProperty("access_token") String accessToken,
                            @JsonProperty("token_type") String tokenType,
                            @JsonProperty("expires_in") int expiresIn) {
}
