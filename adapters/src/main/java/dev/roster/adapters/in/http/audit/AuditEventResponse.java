package dev.roster.adapters.in.http.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One audit event with its place in the hash chain. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEventResponse(long sequence, Instant occurredAt, @Nullable UUID actorId, @Nullable String clientAddress,
                                 String action, @Nullable UUID userId, Map<String, String> details,
                                 String previousHash, String hash) {

    public static AuditEventResponse of(StoredAuditEvent stored) {
        return new AuditEventResponse(stored.sequence(), stored.event().occurredAt(),
                stored.event().actor().userId().map(UserId::value).orElse(null),
                stored.event().actor().clientAddress().orElse(null), stored.event().action().wireName(),
                stored.event().target().map(UserId::value).orElse(null), stored.event().details(),
                stored.previousHash(), stored.hash());
    }
}
