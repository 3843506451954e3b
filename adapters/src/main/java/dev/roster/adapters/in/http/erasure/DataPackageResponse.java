package dev.roster.adapters.in.http.erasure;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.lifecycle.FileRequests;
import dev.roster.adapters.in.http.users.UserResponse;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.port.in.erasure.DataPackage;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A data package as JSON. Audit events show other actors only by id: an administrator's client address is that
 * administrator's personal data, so it appears only on events the user caused.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DataPackageResponse(Instant generatedAt, UserResponse profile, List<FileRequests.FileResponse> files,
                                  List<Event> auditEvents, List<Purpose> purposes, String retention) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Event(long sequence, Instant occurredAt, String action, @Nullable UUID actorId,
                        @Nullable String clientAddress, Map<String, String> details) {
    }

    @Serdeable
    public record Purpose(String field, String purpose) {
    }

    public static DataPackageResponse of(DataPackage data) {
        UUID owner = data.profile().id();
        return new DataPackageResponse(data.generatedAt(), UserResponse.of(data.profile()),
                data.files().stream().map(FileRequests.FileResponse::of).toList(),
                data.auditEvents().stream().map(event -> event(event, owner)).toList(),
                data.purposes().stream().map(purpose -> new Purpose(purpose.field(), purpose.purpose())).toList(),
                data.retention());
    }

    private static Event event(StoredAuditEvent stored, UUID owner) {
        UUID actor = stored.event().actor().userId().map(UserId::value).orElse(null);
        boolean ownAction = owner.equals(actor);
        return new Event(stored.sequence(), stored.event().occurredAt(), stored.event().action().wireName(), actor,
                ownAction ? stored.event().actor().clientAddress().orElse(null) : null, stored.event().details());
    }
}
