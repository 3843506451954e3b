package dev.roster.adapters.in.http.recipients;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.Problem;
import dev.roster.adapters.in.http.recipients.RecipientResponses.BackfillResponse;
import dev.roster.adapters.in.http.recipients.RecipientResponses.CreatedRecipientResponse;
import dev.roster.adapters.in.http.recipients.RecipientResponses.RecipientListResponse;
import dev.roster.adapters.in.http.recipients.RecipientResponses.RecipientResponse;
import dev.roster.application.model.recipients.ErasureRecipient;
import dev.roster.application.port.in.recipients.BackfillErasureRequestsUseCase;
import dev.roster.application.port.in.recipients.ManageErasureRecipientsUseCase;
import dev.roster.application.port.in.recipients.RotateRecipientSecretUseCase;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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

/**
 * Erasure recipients (SPEC §8): the downstream services that hold user data and are asked, with signed
 * {@code user.erasure_requested} deliveries, to erase it when Roster erases a user. Their confirmations come in
 * through {@link ErasureConfirmationController}.
 */
@Controller("/api/v1/erasure-recipients")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "erasure-recipients")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
final class ErasureRecipientController {
    static final String NOT_FOUND = "No such erasure recipient (not-found).";

    private final ManageErasureRecipientsUseCase recipients;
    private final RotateRecipientSecretUseCase rotation;
    private final BackfillErasureRequestsUseCase backfills;
    private final JsonBodies json;
    private final Clock clock;

    ErasureRecipientController(ManageErasureRecipientsUseCase recipients, RotateRecipientSecretUseCase rotation,
                               BackfillErasureRequestsUseCase backfills, JsonBodies json, Clock clock) {
        this.recipients = recipients;
        this.rotation = rotation;
        this.backfills = backfills;
        this.json = json;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createErasureRecipient", summary = "Register a service that must erase users when Roster does",
            description = "ADMIN. 201 with Location and the secret, which is shown only here and on rotation. From now on every "
                    + "erasure that commits is posted to the URL as a signed user.erasure_requested delivery; earlier ones only "
                    + "through a backfill. 400 forbidden-target when the URL's host is, or resolves to, a loopback, private, "
                    + "link-local or unique-local address.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RecipientRequests.CreateRecipientRequest.class)))
    @ApiResponse(responseCode = "201", description = "Created; Location is its path.", useReturnTypeSchema = true,
            headers = @Header(name = HttpHeaders.LOCATION, description = ApiDoc.LOCATION_DESCRIPTION,
                    schema = @Schema(type = "string", format = "uri-reference", maxLength = 200)))
    @ApiDoc.UnsupportedMediaType
    HttpResponse<CreatedRecipientResponse> create(@Body byte[] body) {
        ErasureRecipient created = recipients.create(json.read(body, RecipientRequests.CreateRecipientRequest.class).toCommand());
        return HttpResponse.created(CreatedRecipientResponse.of(created, clock.instant()),
                URI.create("/api/v1/erasure-recipients/" + created.id()));
    }

    @Get
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    @Operation(operationId = "listErasureRecipients", summary = "List erasure recipients",
            description = "ADMIN or AUDITOR. Oldest first; no secrets.")
    RecipientListResponse list() {
        return new RecipientListResponse(recipients.list().stream().map(r -> RecipientResponse.of(r, clock.instant())).toList());
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    @Operation(operationId = "getErasureRecipient", summary = "Read an erasure recipient", description = "ADMIN or AUDITOR. No secret.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.RECIPIENT_ID)
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    RecipientResponse get(@PathVariable String id) {
        return RecipientResponse.of(recipients.get(RecipientRequests.recipientId(id)), clock.instant());
    }

    @Delete("/{id}")
    @Operation(operationId = "deleteErasureRecipient", summary = "Delete an erasure recipient",
            description = "ADMIN. Its deliveries go with it; its confirmations stay on the receipts. What it has not confirmed "
                    + "is no longer waited for.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.RECIPIENT_ID)
    @ApiResponse(responseCode = "204", description = "Deleted; no body.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    HttpResponse<Void> delete(@PathVariable String id) {
        recipients.delete(RecipientRequests.recipientId(id));
        return HttpResponse.noContent();
    }

    @Post("/{id}/secret")
    @Operation(operationId = "rotateErasureRecipientSecret", summary = "Rotate the recipient's secret",
            description = "ADMIN. The answer holds the new secret (shown only here). For 24 hours every erasure request carries a "
                    + "signature with the new and one with the previous secret, and confirmations signed with either are accepted.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.RECIPIENT_ID)
    @ApiResponse(responseCode = "200", description = "Rotated; the new secret.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    CreatedRecipientResponse rotate(@PathVariable String id) {
        return CreatedRecipientResponse.of(rotation.rotate(RecipientRequests.recipientId(id)), clock.instant());
    }

    @Post("/{id}/backfill")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "backfillErasureRecipient", summary = "Ask the recipient about earlier erasures",
            description = "ADMIN. Every erasure receipt issued at or after since that the recipient was not asked about gets an "
                    + "erasure request (a signed delivery, due at once), and its failed requests since then are sent again. "
                    + "Idempotent. 409 invalid-state when the recipient is inactive (it answered 410 Gone).")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.RECIPIENT_ID)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RecipientRequests.BackfillRequest.class)))
    @ApiResponse(responseCode = "202", description = "Queued: how many requests were made and sent again.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The recipient is inactive (invalid-state).",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiDoc.UnsupportedMediaType
    HttpResponse<BackfillResponse> backfill(@PathVariable String id, @Body byte[] body) {
        java.util.UUID recipient = RecipientRequests.recipientId(id);
        java.time.Instant since = json.read(body, RecipientRequests.BackfillRequest.class).toSince();
        return HttpResponse.<BackfillResponse>status(HttpStatus.ACCEPTED).body(BackfillResponse.of(backfills.backfill(recipient, since)));
    }
}
