package dev.roster.adapters.in.http.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One audit event with its place in the hash chain. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEventResponse(@Schema(minimum = "1", maximum = ApiDoc.MAX_LONG) long sequence,
                                 @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant occurredAt,
                                 @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, description = "Who acted; null for the system.") @Nullable UUID actorId,
                                 @Schema(maxLength = 64, description = "The actor's client address; null for the system, and once cleared: "
                                         + "when the actor was erased, or roster.audit.client-address-retention after the event.") @Nullable String clientAddress,
                                 @Schema(description = "SHA-256 (hex) of a random salt of this event and its client address: what the hash chain "
                                         + "holds instead of the address, so that clearing the address keeps the chain valid; null when the event had "
                                         + "no client address.", maxLength = 64, pattern = "^[0-9a-f]{64}$") @Nullable String clientAddressCommitment,
                                 @Schema(ref = ApiDoc.AUDIT_ACTION_SCHEMA) String action,
                                 @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, description = "The user the event is about.") @Nullable UUID userId,
                                 @Schema(ref = ApiDoc.AUDIT_DETAILS) Map<String, String> details,
                                 @Schema(description = "SHA-256, hex.", maxLength = 64, pattern = "^[0-9a-f]{64}$") String previousHash,
                                 @Schema(description = "SHA-256, hex.", maxLength = 64, pattern = "^[0-9a-f]{64}$") String hash) {

    public static AuditEventResponse of(StoredAuditEvent stored) {
        return new AuditEventResponse(stored.sequence(), stored.event().occurredAt(),
                stored.event().actor().userId().map(UserId::value).orElse(null),
                stored.event().actor().clientAddress().orElse(null), stored.addressDigest().orElse(null),
                stored.event().action().wireName(),
                stored.event().target().map(UserId::value).orElse(null), stored.event().details(),
                stored.previousHash(), stored.hash());
    }
}
