package dev.roster.adapters.in.http.recipients;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.problem.Problem;
import dev.roster.adapters.in.http.recipients.RecipientResponses.ConfirmationResponse;
import dev.roster.application.port.in.recipients.ConfirmErasureUseCase;
import dev.roster.application.port.in.recipients.SignedRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/v1/erasure-recipients/{id}/confirmations}: a recipient confirms an erasure. No bearer token (the
 * route is anonymous for the security layer): the request is signed with the recipient's secret the Standard Webhooks
 * way, which the use case checks before it reads the body.
 */
@Controller("/api/v1/erasure-recipients")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "erasure-recipients")
@SecurityRequirement(name = ApiDoc.RECIPIENT_SIGNATURE)
@ApiDoc.Errors
final class ErasureConfirmationController {
    private final ConfirmErasureUseCase confirmations;
    private final JsonBodies json;
    private final Clock clock;

    ErasureConfirmationController(ConfirmErasureUseCase confirmations, JsonBodies json, Clock clock) {
        this.confirmations = confirmations;
        this.json = json;
        this.clock = clock;
    }

    @Post("/{id}/confirmations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "confirmErasure", summary = "A recipient confirms that it erased a user",
            description = "No bearer token: signed with the recipient's secret as Standard Webhooks signs (webhook-id: any unique "
                    + "string; webhook-timestamp: Unix seconds, within 5 minutes of now; webhook-signature: v1, and the base64 "
                    + "HMAC-SHA256 of id.timestamp.body). The signature is checked first: a missing or bad one is 401 and audited. "
                    + "Then the body (400), then 404 when the recipient was never asked to erase that user. A repeat is 200 and "
                    + "changes nothing.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.RECIPIENT_ID)
    @Parameter(name = "webhookId", in = ParameterIn.HEADER, ref = ApiDoc.SIGNED_ID)
    @Parameter(name = "timestamp", in = ParameterIn.HEADER, ref = ApiDoc.SIGNED_TIMESTAMP)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RecipientRequests.ConfirmationRequest.class)))
    @ApiResponse(responseCode = "200", description = "Confirmed (or confirmed before): the erasure request as recorded.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "401", description = "Missing, malformed, stale or wrong signature, or no such recipient (unauthorized); audited.",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "WWW-Authenticate",
                    description = "The Standard Webhooks scheme.", schema = @Schema(type = "string", maxLength = 100)),
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "The recipient was never asked to erase that user (not-found).",
            content = @Content(mediaType = ApiDoc.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiDoc.UnsupportedMediaType
    ConfirmationResponse confirm(@PathVariable String id, @Header("webhook-id") @Nullable String webhookId,
                                 @Header("webhook-timestamp") @Nullable String timestamp,
                                 // the recipientSignature security scheme describes it
                                 @Parameter(hidden = true) @Header("webhook-signature") @Nullable String signature,
                                 @Body @Nullable byte[] body) {
        UUID recipient = RecipientRequests.recipientId(id);
        SignedRequest signed = new SignedRequest(Optional.ofNullable(webhookId), Optional.ofNullable(timestamp),
                Optional.ofNullable(signature), body == null ? new byte[0] : body);
        return ConfirmationResponse.of(confirmations.confirm(recipient, signed,
                bytes -> json.read(bytes, RecipientRequests.ConfirmationRequest.class).toConfirmation(clock.instant())));
    }
}
