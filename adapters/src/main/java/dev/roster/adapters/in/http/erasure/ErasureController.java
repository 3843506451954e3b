package dev.roster.adapters.in.http.erasure;

import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.adapters.in.http.users.EntityTags;
import dev.roster.application.port.in.erasure.AnonymizeUserUseCase;
import dev.roster.application.port.in.erasure.GetErasureReceiptUseCase;
import dev.roster.application.port.in.erasure.LiftLegalHoldUseCase;
import dev.roster.application.port.in.erasure.PlaceLegalHoldUseCase;
import dev.roster.application.port.in.erasure.PreviewErasureUseCase;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.UUID;

/** GDPR erasure (Art. 17): preview, anonymization with a stored receipt, and legal holds that block it. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@Tag(name = "gdpr")
final class ErasureController {
    private final PreviewErasureUseCase preview;
    private final AnonymizeUserUseCase anonymize;
    private final GetErasureReceiptUseCase receipts;
    private final PlaceLegalHoldUseCase placeHold;
    private final LiftLegalHoldUseCase liftHold;
    private final JsonBodies json;

    ErasureController(PreviewErasureUseCase preview, AnonymizeUserUseCase anonymize, GetErasureReceiptUseCase receipts,
                      PlaceLegalHoldUseCase placeHold, LiftLegalHoldUseCase liftHold, JsonBodies json) {
        this.preview = preview;
        this.anonymize = anonymize;
        this.receipts = receipts;
        this.placeHold = placeHold;
        this.liftHold = liftHold;
        this.json = json;
    }

    @Get("/users/{id}/erasure-preview")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "What an erasure would erase, remove and keep (dry run)")
    ErasureResponses.PreviewResponse preview(@PathVariable String id) {
        return ErasureResponses.PreviewResponse.of(preview.preview(UserId.parse(id)));
    }

    @Post("/users/{id}/anonymize")
    @Operation(summary = "Erase the user's personal data (irreversible)",
            description = "Idempotent: a repeat returns the same receipt. 409 last-admin, 409 legal-hold, 429 rate-limited.")
    ErasureResponses.ReceiptResponse anonymize(@PathVariable String id, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        return ErasureResponses.ReceiptResponse.of(anonymize.anonymize(UserId.parse(id), EntityTags.requiredVersion(ifMatch)));
    }

    @Get("/erasure-receipts/{receiptId}")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "A stored erasure receipt")
    ErasureResponses.ReceiptResponse receipt(@PathVariable String receiptId) {
        UUID id;
        try {
            id = UserId.parse(receiptId).value();
        } catch (RuntimeException e) {
            throw InvalidRequestException.of("receiptId", "must be a UUID");
        }
        return ErasureResponses.ReceiptResponse.of(receipts.receipt(id));
    }

    @Put("/users/{id}/legal-hold")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place a legal hold with a reason", description = "Erasure and purge are refused (409 legal-hold) while it stands.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ErasureResponses.LegalHoldRequest.class)))
    HttpResponse<Void> placeHold(@PathVariable String id, @Body byte[] body) {
        UserId userId = UserId.parse(id);
        ErasureResponses.LegalHoldRequest request = json.read(body, ErasureResponses.LegalHoldRequest.class);
        placeHold.placeLegalHold(userId, request.reason());
        return HttpResponse.noContent();
    }

    @Delete("/users/{id}/legal-hold")
    @Operation(summary = "Lift a legal hold")
    HttpResponse<Void> liftHold(@PathVariable String id) {
        liftHold.liftLegalHold(UserId.parse(id));
        return HttpResponse.noContent();
    }
}
