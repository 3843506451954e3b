package dev.roster.adapters.in.http.events;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.events.EventFilter;
import dev.roster.application.port.in.events.ChangeFeedQuery;
import dev.roster.application.port.in.events.ReadChangeFeedUseCase;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The change feed (SPEC §6): every committed change to a user, in commit order, PII-free; long polling with wait. */
@Controller("/api/v1/events")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.AUDITOR, Roles.EVENTS_READ})
@Tag(name = "events")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
final class EventController {
    private static final String KNOWN_TYPES = java.util.Arrays.stream(ChangeType.values()).map(ChangeType::wireName)
            .collect(java.util.stream.Collectors.joining(", "));
    private static final int DEFAULT_LIMIT = 100;

    private final ReadChangeFeedUseCase feed;

    EventController(ReadChangeFeedUseCase feed) {
        this.feed = feed;
    }

    @Get
    @Operation(operationId = "readChangeFeed", summary = "Read the change feed", description = "ADMIN, AUDITOR or a service account with events:read. Events after "
            + "the position `after`, in commit order: a reader that passes each answer's next as after sees every event exactly "
            + "once. With wait=N the call answers as soon as a matching event is placed, at the latest after N seconds.")
    @Parameter(name = "after", in = ParameterIn.QUERY, ref = ApiDoc.EVENTS_AFTER)
    @Parameter(name = "limit", in = ParameterIn.QUERY, ref = ApiDoc.EVENTS_LIMIT)
    @Parameter(name = "type", in = ParameterIn.QUERY, ref = ApiDoc.EVENTS_TYPE)
    @Parameter(name = "userId", in = ParameterIn.QUERY, ref = ApiDoc.EVENTS_USER_ID)
    @Parameter(name = "waitSeconds", in = ParameterIn.QUERY, ref = ApiDoc.EVENTS_WAIT)
    @ApiResponse(responseCode = "410", description = "after is older than the feed's retention (cursor-expired).",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = dev.roster.adapters.in.http.problem.Problem.class)))
    ChangeFeedResponse read(@QueryValue @Nullable String after, @QueryValue @Nullable String limit,
                            @QueryValue @Nullable String type, @QueryValue @Nullable String userId,
                            @QueryValue("wait") @Nullable String waitSeconds) {
        FieldErrors errors = new FieldErrors();
        OptionalLong from = OptionalLong.empty();
        if (present(after)) {
            Long value = wholeNumber(errors, "after", after, 0, Long.MAX_VALUE);
            from = value == null ? OptionalLong.empty() : OptionalLong.of(value);
        }
        int pageSize = DEFAULT_LIMIT;
        if (present(limit)) {
            Long value = wholeNumber(errors, "limit", limit, 1, ChangeFeedQuery.MAX_LIMIT);
            pageSize = value == null ? DEFAULT_LIMIT : value.intValue();
        }
        Set<ChangeType> types = EnumSet.noneOf(ChangeType.class);
        if (present(type)) {
            for (String name : type.split(",", -1)) {
                Optional<ChangeType> known = ChangeType.fromWireName(name.strip());
                if (known.isEmpty()) {
                    errors.add("type", "lists an unknown event type (known: " + KNOWN_TYPES + ")");
                    break;
                }
                types.add(known.get());
            }
        }
        Optional<UserId> user = present(userId)
                ? Optional.ofNullable(errors.attemptAs("userId", () -> UserId.parse(userId.strip())))
                : Optional.empty();
        Duration wait = Duration.ZERO;
        if (present(waitSeconds)) {
            Long value = wholeNumber(errors, "wait", waitSeconds, 0, ChangeFeedQuery.MAX_WAIT.toSeconds());
            wait = value == null ? Duration.ZERO : Duration.ofSeconds(value);
        }
        errors.throwIfAny();
        return ChangeFeedResponse.of(feed.read(new ChangeFeedQuery(from, pageSize, new EventFilter(types, user), wait)));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static Long wholeNumber(FieldErrors errors, String name, String text, long min, long max) {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(name, "must be a whole number from " + min + " to " + max);
        return null;
    }
}
