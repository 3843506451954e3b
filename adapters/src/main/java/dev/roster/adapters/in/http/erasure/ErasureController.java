package dev.roster.adapters.in.http.erasure;

import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.adapters.in.http.users.EntityTags;
import dev.roster.application.port.in.erasure.AnonymizeUserUseCase;
import dev.roster.application.port.in.erasure.GetErasureReceiptUseCase;
import dev.roster.application.port.in.erasure.GetLegalHoldUseCase;
import dev.roster.application.port.in.erasure.GetUserErasureReceiptUseCase;
import dev.roster.application.port.in.erasure.ReceiptNotFoundException;
import dev.roster.application.port.in.erasure.LiftLegalHoldUseCase;
import dev.roster.application.port.in.erasure.PlaceLegalHoldUseCase;
import dev.roster.application.port.in.erasure.PreviewErasureUseCase;
import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.port.in.recipients.RecipientStatusesUseCase;
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
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.UUID;

/** GDPR erasure (Art. 17): preview, anonymization with a stored receipt, and legal holds that block it. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "gdpr")
@SecurityRequirement(name = ApiDoc.BEARER)
@ApiDoc.Errors
@ApiDoc.Forbidden
@ApiDoc.NotFound
final class ErasureController {
    private final PreviewErasureUseCase preview;
    private final AnonymizeUserUseCase anonymize;
    private final GetErasureReceiptUseCase receipts;
    private final PlaceLegalHoldUseCase placeHold;
    private final LiftLegalHoldUseCase liftHold;
    private final GetUserErasureReceiptUseCase userReceipts;
    private final GetLegalHoldUseCase holds;
    private final RecipientStatusesUseCase recipients;
    private final JsonBodies json;

    ErasureController(PreviewErasureUseCase preview, AnonymizeUserUseCase anonymize, GetErasureReceiptUseCase receipts,
                      PlaceLegalHoldUseCase placeHold, LiftLegalHoldUseCase liftHold,
                      GetUserErasureReceiptUseCase userReceipts, GetLegalHoldUseCase holds, RecipientStatusesUseCase recipients,
                      JsonBodies json) {
        this.recipients = recipients;
        this.userReceipts = userReceipts;
        this.holds = holds;
        this.preview = preview;
        this.anonymize = anonymize;
        this.receipts = receipts;
        this.placeHold = placeHold;
        this.liftHold = liftHold;
        this.json = json;
    }

    @Get("/users/{id}/erasure-preview")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    @Operation(operationId = "previewUserErasure", summary = "What an erasure would erase, remove and keep (dry run)",
            description = "ADMIN or AUDITOR.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    ErasureResponses.PreviewResponse preview(@PathVariable String id) {
        return ErasureResponses.PreviewResponse.of(preview.preview(UserId.parse(id)));
    }

    @Post("/users/{id}/anonymize")
    @Operation(operationId = "anonymizeUser", summary = "Erase the user's personal data (irreversible)",
            description = "ADMIN. Idempotent: a repeat returns the same receipt. 409 last-admin, 409 legal-hold, 429 rate-limited.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @Parameter(name = "ifMatch", in = ParameterIn.HEADER, ref = ApiDoc.IF_MATCH)
    @ApiResponse(responseCode = "200", description = "The erasure receipt.", useReturnTypeSchema = true)
    @ApiDoc.Conflict
    @ApiDoc.PreconditionFailed
    @ApiDoc.TooManyRequests
    ErasureResponses.ReceiptResponse anonymize(@PathVariable String id, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        return withRecipients(anonymize.anonymize(UserId.parse(id), EntityTags.requiredVersion(ifMatch)));
    }

    @Get("/erasure-receipts/{receiptId}")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    @Operation(operationId = "getErasureReceipt", summary = "A stored erasure receipt",
            description = "ADMIN or AUDITOR. With each erasure recipient asked to erase the user: pending, confirmed (when, counts) "
                    + "or failed, and overdue when it has not confirmed within roster.erasure.confirmation-window.")
    @Parameter(name = "receiptId", in = ParameterIn.PATH, ref = ApiDoc.RECEIPT_ID)
    ErasureResponses.ReceiptResponse receipt(@PathVariable String receiptId) {
        UUID id;
        try {
            id = UserId.parse(receiptId).value();
        } catch (RuntimeException e) {
            throw InvalidRequestException.of("receiptId", "must be a UUID");
        }
        return withRecipients(receipts.receipt(id));
    }

    @Get("/users/{id}/erasure-receipt")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    @Operation(operationId = "getUserErasureReceipt", summary = "The receipt of the user's erasure",
            description = "ADMIN or AUDITOR. 404 when the user does not exist or has not been erased.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    ErasureResponses.ReceiptResponse userReceipt(@PathVariable String id) {
        return withRecipients(userReceipts.receiptOf(UserId.parse(id)).orElseThrow(ReceiptNotFoundException::new));
    }

    /** The receipt with the erasure recipients asked about it and their statuses. */
    private ErasureResponses.ReceiptResponse withRecipients(ErasureReceipt receipt) {
        return ErasureResponses.ReceiptResponse.of(receipt, recipients.statuses(receipt.id()));
    }

    @Get("/users/{id}/legal-hold")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    @Operation(operationId = "getLegalHold", summary = "The legal hold on the user",
            description = "ADMIN or AUDITOR. 404 when the user does not exist or is not on legal hold.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    ErasureResponses.LegalHoldResponse legalHold(@PathVariable String id) {
        return ErasureResponses.LegalHoldResponse.of(holds.legalHold(UserId.parse(id))
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "The user is not on legal hold.")));
    }

    @Put("/users/{id}/legal-hold")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "placeLegalHold", summary = "Place a legal hold with a reason",
            description = "ADMIN. Erasure and purge are refused (409 legal-hold) while it stands. 409 invalid-state for an "
                    + "anonymized user.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErasureResponses.LegalHoldRequest.class)))
    @ApiResponse(responseCode = "204", description = "Done; no body.")
    @ApiDoc.Conflict
    @ApiDoc.UnsupportedMediaType
    HttpResponse<Void> placeHold(@PathVariable String id, @Body byte[] body) {
        UserId userId = UserId.parse(id);
        ErasureResponses.LegalHoldRequest request = json.read(body, ErasureResponses.LegalHoldRequest.class);
        placeHold.placeLegalHold(userId, request.reason());
        return HttpResponse.noContent();
    }

    @Delete("/users/{id}/legal-hold")
    @Operation(operationId = "liftLegalHold", summary = "Lift a legal hold", description = "ADMIN.")
    @Parameter(name = "id", in = ParameterIn.PATH, ref = ApiDoc.USER_ID)
    @ApiResponse(responseCode = "204", description = "Done; no body.")
    HttpResponse<Void> liftHold(@PathVariable String id) {
        liftHold.liftLegalHold(UserId.parse(id));
        return HttpResponse.noContent();
    }
}
