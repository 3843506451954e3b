package dev.roster.adapters.in.http.erasure;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.lifecycle.FileRequests;
import dev.roster.adapters.in.http.users.UserResponse;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.model.erasure.DataPackage;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

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
public record DataPackageResponse(@Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant generatedAt, UserResponse profile,
                                  @ArraySchema(maxItems = Integer.MAX_VALUE) List<FileRequests.FileResponse> files,
                                  @ArraySchema(maxItems = Integer.MAX_VALUE) List<Event> auditEvents,
                                  @ArraySchema(maxItems = 50) List<Purpose> purposes,
                                  @Schema(maxLength = ApiDoc.TEXT_LENGTH) String retention) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Event(@Schema(minimum = "1", maximum = ApiDoc.MAX_LONG) long sequence, @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant occurredAt,
                        @Schema(ref = ApiDoc.AUDIT_ACTION_SCHEMA) String action, @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) @Nullable UUID actorId,
                        @Schema(maxLength = 64, description = "Only on events the user caused, until it is cleared (roster.audit.client-address-retention after the event).") @Nullable String clientAddress,
                        @Schema(ref = ApiDoc.AUDIT_DETAILS) Map<String, String> details) {
    }

    @Serdeable
    public record Purpose(@Schema(maxLength = 64) String field, @Schema(maxLength = ApiDoc.TEXT_LENGTH) String purpose) {
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
