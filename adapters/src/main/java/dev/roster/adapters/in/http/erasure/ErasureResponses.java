package dev.roster.adapters.in.http.erasure;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.model.erasure.LegalHoldView;
import dev.roster.application.model.recipients.RecipientStatus;
import dev.roster.application.model.recipients.RecipientStatuses;
import dev.roster.application.port.in.erasure.ErasurePreview;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bodies of the erasure endpoints. */
public final class ErasureResponses {
    private ErasureResponses() {
    }

    /**
     * An erasure receipt; for administrators and auditors with the recipients asked to erase the user too, and whether
     * all have confirmed (the self-service answer to {@code POST /api/v1/me/erasure} leaves both out).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReceiptResponse(@Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID id, @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID userId,
                           @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, description = "null for the retention job.") @Nullable UUID requestedBy,
                           @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant erasedAt,
                           @ArraySchema(maxItems = 50, schema = @Schema(maxLength = 64)) List<String> erasedFields,
                           @Schema(ref = ApiDoc.COUNTS) Map<String, Long> removed,
                           @ArraySchema(maxItems = 1000, arraySchema = @Schema(description = "The erasure recipients asked to erase "
                                   + "the user, in the order they were asked. Left out of the self-service answer."))
                           @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<RecipientStatusResponse> recipients,
                           @Schema(description = "Whether every recipient has confirmed (true when none was asked). Left out "
                                   + "of the self-service answer.")
                           @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean allConfirmed) {
        /** Without the recipients (the self-service answer). */
        public static ReceiptResponse of(ErasureReceipt receipt) {
            return new ReceiptResponse(receipt.id(), receipt.userId().value(), receipt.requestedBy().map(UserId::value).orElse(null),
                    receipt.erasedAt(), receipt.erasedFields(), receipt.removed(), null, null);
        }

        public static ReceiptResponse of(ErasureReceipt receipt, RecipientStatuses statuses) {
            return new ReceiptResponse(receipt.id(), receipt.userId().value(), receipt.requestedBy().map(UserId::value).orElse(null),
                    receipt.erasedAt(), receipt.erasedFields(), receipt.removed(),
                    statuses.recipients().stream().map(RecipientStatusResponse::of).toList(), statuses.allConfirmed());
        }
    }

    /** Where one recipient stands on the erasure. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RecipientStatusResponse(
            @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID recipientId,
            @Schema(maxLength = 200, description = "The recipient's name when it was asked.") String name,
            @Schema(allowableValues = {"pending", "confirmed", "failed"}, description = "failed: the delivery gave up after its "
                    + "retries (a confirmation still counts).") String status,
            @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH, nullable = true, description = "When it was asked; "
                    + "null for a moment after the erasure commits, until the request is made.") Instant requestedAt,
            @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH, nullable = true,
                    description = "requestedAt plus roster.erasure.confirmation-window.") Instant dueAt,
            @Schema(description = "Not confirmed by dueAt.") boolean overdue,
            @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH, nullable = true, description = "When Roster recorded "
                    + "the confirmation.") Instant confirmedAt,
            @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH, nullable = true, description = "When the recipient "
                    + "says it erased.") Instant erasedAt,
            @Schema(ref = ApiDoc.ERASED_COUNTS, nullable = true) Map<String, Long> counts) {
        public static RecipientStatusResponse of(RecipientStatus status) {
            return new RecipientStatusResponse(status.recipientId(), status.name(), status.status().wireName(),
                    status.requestedAt().orElse(null), status.dueAt().orElse(null), status.overdue(),
                    status.confirmation().map(c -> c.confirmedAt()).orElse(null),
                    status.confirmation().map(c -> c.erasedAt()).orElse(null),
                    status.confirmation().map(c -> c.counts()).orElse(null));
        }
    }

    /** {@code GET /api/v1/users/{id}/legal-hold} */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LegalHoldResponse(@Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID userId,
                             @Schema(maxLength = 1000) String reason,
                             @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant placedAt,
                             @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, description = "null when placed by the system.")
                             @Nullable UUID placedBy) {
        static LegalHoldResponse of(LegalHoldView hold) {
            return new LegalHoldResponse(hold.userId().value(), hold.reason(), hold.placedAt(),
                    hold.placedBy().map(UserId::value).orElse(null));
        }

        @Override
        public String toString() {
            return "LegalHoldResponse[***]";
        }
    }

    @Serdeable
    record FieldResponse(@Schema(maxLength = 64) String name, @Schema(maxLength = 64) String erasure, @Schema(maxLength = ApiDoc.TEXT_LENGTH) String purpose) {
    }

    @Serdeable
    record KeptResponse(@Schema(maxLength = ApiDoc.TEXT_LENGTH) String what, @Schema(maxLength = ApiDoc.TEXT_LENGTH) String why) {
    }

    @Serdeable
    record PreviewResponse(@Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID userId, boolean legalHold, @ArraySchema(maxItems = 50) List<FieldResponse> erases,
                           @Schema(ref = ApiDoc.COUNTS) Map<String, Long> removes, @ArraySchema(maxItems = 50) List<KeptResponse> keeps) {
        public static PreviewResponse of(ErasurePreview preview) {
            return new PreviewResponse(preview.userId().value(), preview.legalHold(),
                    preview.erases().stream().map(field -> new FieldResponse(field.name(), field.erasure(), field.purpose())).toList(),
                    preview.removes(), preview.keeps().stream().map(kept -> new KeptResponse(kept.what(), kept.why())).toList());
        }
    }

    /** {@code PUT /api/v1/users/{id}/legal-hold} */
    @Serdeable
    @Schema(requiredProperties = "reason", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record LegalHoldRequest(@Schema(maxLength = 1000, description = "Free text, 1 to 1000 characters after trimming; kept out of the audit trail.") @Nullable String reason) {
        @Override
        public String toString() {
            return "LegalHoldRequest[***]";
        }
    }
}
