package dev.roster.adapters.in.http.erasure;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.port.in.erasure.ErasurePreview;
import dev.roster.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

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
    public record ReceiptResponse(UUID id, UUID userId, @Nullable UUID requestedBy, Instant erasedAt, List<String> erasedFields,
                           Map<String, Long> removed) {
        public static ReceiptResponse of(ErasureReceipt receipt) {
            return new ReceiptResponse(receipt.id(), receipt.userId().value(), receipt.requestedBy().map(UserId::value).orElse(null),
                    receipt.erasedAt(), receipt.erasedFields(), receipt.removed());
        }
    }

    @Serdeable
    record FieldResponse(String name, String erasure, String purpose) {
    }

    @Serdeable
    record KeptResponse(String what, String why) {
    }

    @Serdeable
    record PreviewResponse(UUID userId, boolean legalHold, List<FieldResponse> erases, Map<String, Long> removes,
                           List<KeptResponse> keeps) {
        public static PreviewResponse of(ErasurePreview preview) {
            return new PreviewResponse(preview.userId().value(), preview.legalHold(),
                    preview.erases().stream().map(field -> new FieldResponse(field.name(), field.erasure(), field.purpose())).toList(),
                    preview.removes(), preview.keeps().stream().map(kept -> new KeptResponse(kept.what(), kept.why())).toList());
        }
    }

    /** {@code PUT /api/v1/users/{id}/legal-hold} */
    @Serdeable
    record LegalHoldRequest(@Nullable String reason) {
        @Override
        public String toString() {
            return "LegalHoldRequest[***]";
        }
    }
}
