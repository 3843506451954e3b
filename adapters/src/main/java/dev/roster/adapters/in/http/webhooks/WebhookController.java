package dev.roster.adapters.in.http.webhooks;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.adapters.in.http.problem.Problem;
import dev.roster.adapters.in.http.webhooks.WebhookResponses.CreatedWebhookResponse;
import dev.roster.adapters.in.http.webhooks.WebhookResponses.DeliveryPageResponse;
import dev.roster.adapters.in.http.webhooks.WebhookResponses.DeliveryResponse;
import dev.roster.adapters.in.http.webhooks.WebhookResponses.WebhookListResponse;
import dev.roster.adapters.in.http.webhooks.WebhookResponses.WebhookResponse;
import dev.roster.application.model.webhooks.DeliveryStatus;
import dev.roster.application.model.webhooks.WebhookSubscription;
import dev.roster.application.port.in.webhooks.ListDeliveriesQuery;
import dev.roster.application.port.in.webhooks.ManageWebhooksUseCase;
import dev.roster.application.port.in.webhooks.PingWebhookUseCase;
import dev.roster.application.port.in.webhooks.RotateWebhookSecretUseCase;
import dev.roster.application.port.in.webhooks.WebhookDeliveriesUseCase;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** Signed webhooks (SPEC §6): subscriptions, secret rotation, ping, and the deliveries of each subscription. */
@Controller("/api/v1/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "webhooks")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
final class WebhookController {
    private static final int DEFAULT_LIMIT = 50;
    private static final String NOT_FOUND = "No such webhook subscription or delivery (not-found).";

    private final ManageWebhooksUseCase webhooks;
    private final RotateWebhookSecretUseCase rotation;
    private final PingWebhookUseCase pings;
    private final WebhookDeliveriesUseCase deliveries;
    private final JsonBodies json;
    private final Clock clock;

    WebhookController(ManageWebhooksUseCase webhooks, RotateWebhookSecretUseCase rotation, PingWebhookUseCase pings,
                      WebhookDeliveriesUseCase deliveries, JsonBodies json, Clock clock) {
        this.webhooks = webhooks;
        this.rotation = rotation;
        this.pings = pings;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook", summary = "Subscribe a receiver to signed webhooks",
            description = "ADMIN. 201 with Location and the secret, which is shown only here and on rotation. 400 forbidden-target "
                    + "when the URL's host is, or resolves to, a loopback, private, link-local or unique-local address.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookRequests.CreateWebhookRequest.class)))
    @ApiResponse(responseCode = "201", description = "Created; Location is its path.", useReturnTypeSchema = true,
            headers = @Header(name = HttpHeaders.LOCATION, description = ApiDoc.LOCATION_DESCRIPTION,
                    schema = @Schema(type = "string", format = "uri-reference", maxLength = 200)))
    @ApiDoc.UnsupportedMediaType
    HttpResponse<CreatedWebhookResponse> create(@Body byte[] body) {
        WebhookSubscription created = webhooks.create(json.read(body, WebhookRequests.CreateWebhookRequest.class).toCommand());
        return HttpResponse.created(CreatedWebhookResponse.of(created, clock.instant()), URI.create("/api/v1/webhooks/" + created.id()));
    }

    @Get
    @Operation(operationId = "listWebhooks", summary = "List webhook subscriptions", description = "ADMIN. Oldest first; no secrets.")
    WebhookListResponse list() {
        return new WebhookListResponse(webhooks.list().stream().map(s -> WebhookResponse.of(s, clock.instant())).toList());
    }

    @Get("/{id}")
    @Operation(operationId = "getWebhook", summary = "Read a webhook subscription", description = "ADMIN. No secret.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.WEBHOOK_ID)
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    WebhookResponse get(@PathVariable String id) {
        return WebhookResponse.of(webhooks.get(uuid("id", id)), clock.instant());
    }

    @Patch("/{id}")
    @Consumes({JsonBodies.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "updateWebhook", summary = "Change url, eventTypes, description or active (JSON merge patch)",
            description = "ADMIN. Absent members are kept; description null clears it. active=false pauses the subscription: "
                    + "nothing is enqueued for it meanwhile. 400 forbidden-target as on creation.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.WEBHOOK_ID)
    @RequestBody(required = true, content = {
            @Content(mediaType = JsonBodies.MERGE_PATCH_JSON, schema = @Schema(ref = ApiDoc.WEBHOOK_MERGE_PATCH)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiDoc.WEBHOOK_MERGE_PATCH))})
    @ApiResponse(responseCode = "200", description = "The subscription as changed.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiDoc.UnsupportedMediaType
    WebhookResponse update(@PathVariable String id, @Body byte[] patch) {
        UUID webhook = uuid("id", id);
        return WebhookResponse.of(webhooks.update(WebhookRequests.toUpdate(webhook, json.readTree(patch))), clock.instant());
    }

    @Delete("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook subscription", description = "ADMIN. Its deliveries go with it.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.WEBHOOK_ID)
    @ApiResponse(responseCode = "204", description = "Deleted; no body.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    HttpResponse<Void> delete(@PathVariable String id) {
        webhooks.delete(uuid("id", id));
        return HttpResponse.noContent();
    }

    @Post("/{id}/secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate the signing secret",
            description = "ADMIN. The answer holds the new secret (shown only here); for 24 hours every delivery carries a signature "
                    + "with the new secret and one with the previous secret.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.WEBHOOK_ID)
    @ApiResponse(responseCode = "200", description = "Rotated; the new secret.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    CreatedWebhookResponse rotate(@PathVariable String id) {
        return CreatedWebhookResponse.of(rotation.rotate(uuid("id", id)), clock.instant());
    }

    @Post("/{id}/ping")
    @Operation(operationId = "pingWebhook", summary = "Send a webhook.ping",
            description = "ADMIN. Queues a webhook.ping delivery (whatever the event types), due at once; 202 with the delivery.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.WEBHOOK_ID)
    @ApiResponse(responseCode = "202", description = "Queued.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    HttpResponse<DeliveryResponse> ping(@PathVariable String id) {
        return HttpResponse.<DeliveryResponse>status(HttpStatus.ACCEPTED).body(DeliveryResponse.of(pings.ping(uuid("id", id))));
    }

    @Get("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "List a subscription's deliveries",
            description = "ADMIN. Newest first: event id, type, status, attempts, last HTTP status and error, next attempt.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.WEBHOOK_ID)
    @Parameter(name = "status", in = ParameterIn.QUERY, ref = ApiDoc.DELIVERY_STATUS)
    @Parameter(name = "limit", in = ParameterIn.QUERY, ref = ApiDoc.DELIVERY_LIMIT)
    @Parameter(name = "cursor", in = ParameterIn.QUERY, ref = ApiDoc.DELIVERY_CURSOR)
    @ApiResponse(responseCode = "200", description = "A page of deliveries.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    DeliveryPageResponse deliveries(@PathVariable String id, @QueryValue @Nullable String status,
                                    @QueryValue @Nullable String limit, @QueryValue @Nullable String cursor) {
        FieldErrors errors = new FieldErrors();
        UUID webhook = uuidOrNull(errors, "id", id);
        Optional<DeliveryStatus> wanted = Optional.empty();
        if (present(status)) {
            wanted = DeliveryStatus.fromWireName(status.strip());
            if (wanted.isEmpty()) {
                errors.add("status", "must be pending, delivered or failed");
            }
        }
        int pageSize = DEFAULT_LIMIT;
        if (present(limit)) {
            try {
                pageSize = Integer.parseInt(limit.strip());
                if (pageSize < 1 || pageSize > ListDeliveriesQuery.MAX_LIMIT) {
                    errors.add("limit", "must be a whole number from 1 to " + ListDeliveriesQuery.MAX_LIMIT);
                }
            } catch (NumberFormatException e) {
                errors.add("limit", "must be a whole number from 1 to " + ListDeliveriesQuery.MAX_LIMIT);
            }
        }
        OptionalLong before = OptionalLong.empty();
        if (present(cursor)) {
            long sequence = cursor.length() > 200 ? -1 : WebhookResponses.sequenceOf(cursor.strip());
            if (sequence < 0) {
                errors.add("cursor", "is not a cursor this list gave");
            } else {
                before = OptionalLong.of(sequence);
            }
        }
        errors.throwIfAny();
        return DeliveryPageResponse.of(deliveries.list(new ListDeliveriesQuery(webhook, wanted, before, pageSize)));
    }

    @Post("/{id}/deliveries/{deliveryId}/retry")
    @Operation(operationId = "retryWebhookDelivery", summary = "Make a failed or pending delivery due now",
            description = "ADMIN. A failed delivery starts a new retry schedule. 409 invalid-state when it was delivered already.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.WEBHOOK_ID)
    @Parameter(name = "deliveryId", in = ParameterIn.PATH, ref = ApiDoc.DELIVERY_ID)
    @ApiResponse(responseCode = "200", description = "The delivery, due now.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The delivery was delivered already (invalid-state).",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    DeliveryResponse retry(@PathVariable String id, @PathVariable String deliveryId) {
        FieldErrors errors = new FieldErrors();
        UUID webhook = uuidOrNull(errors, "id", id);
        UUID delivery = uuidOrNull(errors, "deliveryId", deliveryId);
        errors.throwIfAny();
        return DeliveryResponse.of(deliveries.retry(webhook, delivery));
    }

    private static UUID uuid(String name, String text) {
        FieldErrors errors = new FieldErrors();
        UUID value = uuidOrNull(errors, name, text);
        errors.throwIfAny();
        return value;
    }

    private static UUID uuidOrNull(FieldErrors errors, String name, String text) {
        if (text == null) {
            throw InvalidRequestException.of(name, "must be a UUID");
        }
        UserId parsed = errors.attemptAs(name, () -> UserId.parse(text));
        return parsed == null ? null : parsed.value();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
