package dev.roster.adapters.in.http.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.application.port.in.accounts.IssuedKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A service account with the key just issued to it: the only answer that ever shows a key. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ServiceAccountKeyResponse(
        @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID id,
        @Schema(maxLength = 100) String name,
        @ArraySchema(maxItems = 5, uniqueItems = true, schema = @Schema(allowableValues = {"events:read", "users:read",
                "stats:read", "metrics:read", "audit:read"})) List<String> scopes,
        @Schema(description = "Always true here.") boolean active,
        @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant createdAt,
        @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant keyIssuedAt,
        @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) @Nullable Instant lastUsedAt,
        @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) @Nullable Instant revokedAt,
        @Schema(maxLength = 47, pattern = "^rsk_[A-Za-z0-9_-]{43}$", description = "The key, shown only in this answer: "
                + "send it as Authorization: Bearer <apiKey>. Roster keeps only its SHA-256.") String apiKey) {

    static ServiceAccountKeyResponse of(IssuedKey issued) {
        ServiceAccountResponse account = ServiceAccountResponse.of(issued.account());
        return new ServiceAccountKeyResponse(account.id(), account.name(), account.scopes(), account.active(),
                account.createdAt(), account.keyIssuedAt(), account.lastUsedAt(), account.revokedAt(),
                issued.key().value());
    }

    @Override
    public String toString() {
        return "ServiceAccountKeyResponse[" + id + ", apiKey=***]";
    }
}
