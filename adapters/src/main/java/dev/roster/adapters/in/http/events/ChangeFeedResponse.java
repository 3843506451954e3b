package dev.roster.adapters.in.http.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.application.port.in.events.ChangeFeedPage;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Events in position order and the position to pass as {@code after} next time. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChangeFeedResponse(@ArraySchema(maxItems = 1000) List<ChangeEventResponse> items,
                                 @Schema(minimum = "0", maximum = ApiDoc.MAX_LONG, description = "The last item's position, or after itself when nothing new.") long next) {
    public static ChangeFeedResponse of(ChangeFeedPage page) {
        return new ChangeFeedResponse(page.items().stream().map(ChangeEventResponse::of).toList(), page.next());
    }
}
