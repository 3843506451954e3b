package dev.roster.adapters.in.http.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.application.model.events.StoredChangeEvent;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One change event as the feed and the webhooks publish it (SPEC §6): ids, type, time and PII-free data. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChangeEventResponse(@Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, description = "The event's id (webhook-id on deliveries).") UUID id,
                                  @Schema(minimum = "1", maximum = ApiDoc.MAX_LONG, description = "Its place in the feed, in commit order.") long position,
                                  @Schema(ref = ApiDoc.CHANGE_TYPE) String type,
                                  @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant occurredAt,
                                  @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID userId,
                                  @Schema(ref = ApiDoc.CHANGE_EVENT_DATA) Map<String, Object> data) {

    public static ChangeEventResponse of(StoredChangeEvent stored) {
        return new ChangeEventResponse(stored.event().id(), stored.position(), stored.event().type().wireName(),
                stored.event().occurredAt(), stored.event().userId().value(), stored.event().data());
    }
}
