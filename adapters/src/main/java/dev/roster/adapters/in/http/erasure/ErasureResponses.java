package dev.roster.adapters.in.http.erasure;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.model.erasure.LegalHoldView;
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

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReceiptResponse(@Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID id, @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID userId,
                           @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH, description = "null for the retention job.") @Nullable UUID requestedBy,
                           @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant erasedAt,
                           @ArraySchema(maxItems = 50, schema = @Schema(maxLength = 64)) List<String> erasedFields,
                           @Schema(ref = ApiDoc.COUNTS) Map<String, Long> removed) {
        public static ReceiptResponse of(ErasureReceipt receipt) {
            return new ReceiptResponse(receipt.id(), receipt.userId().value(), receipt.requestedBy().map(UserId::value).orElse(null),
                    receipt.erasedAt(), receipt.erasedFields(), receipt.removed());
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
