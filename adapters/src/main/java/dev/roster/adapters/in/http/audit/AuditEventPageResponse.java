package dev.roster.adapters.in.http.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.application.port.in.audit.AuditEventPage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** One page of audit events; {@code nextCursor} is null on the last page. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEventPageResponse(@ArraySchema(maxItems = 500) List<AuditEventResponse> items,
                                     @Schema(maxLength = 200, pattern = "^[A-Za-z0-9_-]+$", description = "Pass as cursor for the next page.") @Nullable String nextCursor) {
    public static AuditEventPageResponse of(AuditEventPage page) {
        return new AuditEventPageResponse(page.items().stream().map(AuditEventResponse::of).toList(), page.nextCursor().orElse(null));
    }
}
