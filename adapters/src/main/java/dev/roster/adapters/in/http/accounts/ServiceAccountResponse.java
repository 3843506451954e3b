package dev.roster.adapters.in.http.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.application.model.accounts.Scope;
import dev.roster.application.model.accounts.ServiceAccount;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A service account as the API shows it: never its key, nor the key's hash. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ServiceAccountResponse(
        @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID id,
        @Schema(maxLength = 100) String name,
        @ArraySchema(maxItems = 5, uniqueItems = true, schema = @Schema(allowableValues = {"events:read", "users:read",
                "stats:read", "metrics:read", "audit:read"})) List<String> scopes,
        @Schema(description = "False once revoked: the key is refused (401).") boolean active,
        @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant createdAt,
        @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH, description = "When the current key was issued "
                + "(created or rotated).") Instant keyIssuedAt,
        @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH, description = "When a key of the account was last "
                + "used; recorded at most once a minute, null if never.") @Nullable Instant lastUsedAt,
        @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH, description = "Null while active.") @Nullable Instant revokedAt) {

    static ServiceAccountResponse of(ServiceAccount account) {
        return new ServiceAccountResponse(account.id(), account.name(), scopes(account), account.isActive(),
                account.createdAt(), account.keyIssuedAt(), account.lastUsedAt().orElse(null),
                account.revokedAt().orElse(null));
    }

    static List<String> scopes(ServiceAccount account) {
        return account.scopes().stream().map(Scope::wireName).sorted().toList();
    }
}
