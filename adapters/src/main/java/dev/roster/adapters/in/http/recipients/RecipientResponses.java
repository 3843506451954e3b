package dev.roster.adapters.in.http.recipients;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.application.model.recipients.ErasureRecipient;
import dev.roster.application.model.recipients.ErasureRequest;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.in.recipients.BackfillErasureRequestsUseCase;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The bodies the erasure-recipient endpoints answer with. The secret appears only in {@link CreatedRecipientResponse}. */
final class RecipientResponses {
    private RecipientResponses() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RecipientResponse(@Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID id,
                             @Schema(maxLength = ErasureRecipient.MAX_NAME) String name,
                             @Schema(format = "uri", maxLength = WebhookUrl.MAX_LENGTH) String url,
                             @Schema(description = "false once it answered 410 Gone: nothing more is asked of it.") boolean active,
                             @Schema(maxLength = 32, nullable = true, description = "gone when Roster deactivated it after a 410 answer.") String disabledReason,
                             @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH, nullable = true,
                                     description = "Until when the previous secret signs and verifies beside the current one (24 h after a rotation).")
                             Instant previousSecretExpiresAt,
                             @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant createdAt,
                             @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant updatedAt) {
        static RecipientResponse of(ErasureRecipient recipient, Instant now) {
            return new RecipientResponse(recipient.id(), recipient.name(), recipient.url().value(), recipient.active(),
                    recipient.disabledReason().orElse(null), recipient.secrets().previousExpiresAt().filter(now::isBefore).orElse(null),
                    recipient.createdAt(), recipient.updatedAt());
        }
    }

    /** On creation and rotation only: the recipient and its secret, which is never shown again. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CreatedRecipientResponse(@Schema(implementation = RecipientResponse.class) RecipientResponse recipient,
                                    @Schema(maxLength = 100, pattern = "^whsec_[A-Za-z0-9+/]+={0,2}$",
                                            description = "whsec_ and the standard base64 of 32 random bytes: the Standard Webhooks "
                                                    + "secret that signs the erasure requests and the recipient's confirmations. Shown "
                                                    + "only in this answer; store it now.") String secret) {
        static CreatedRecipientResponse of(ErasureRecipient recipient, Instant now) {
            return new CreatedRecipientResponse(RecipientResponse.of(recipient, now), recipient.secrets().current().value());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RecipientListResponse(@ArraySchema(maxItems = Integer.MAX_VALUE) List<RecipientResponse> items) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record BackfillResponse(@Schema(minimum = "0", maximum = ApiDoc.MAX_LONG, description = "Erasures newly asked about.") long requested,
                            @Schema(minimum = "0", maximum = ApiDoc.MAX_LONG, description = "Failed requests made due again.") long retried) {
        static BackfillResponse of(BackfillErasureRequestsUseCase.Backfill backfill) {
            return new BackfillResponse(backfill.requested(), backfill.retried());
        }
    }

    /** The erasure request as confirmed. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ConfirmationResponse(@Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID receiptId,
                                @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID recipientId,
                                @Schema(format = "uuid", maxLength = ApiDoc.UUID_LENGTH) UUID userId,
                                @Schema(allowableValues = "confirmed") String status,
                                @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH) Instant requestedAt,
                                @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH, description = "When Roster recorded the confirmation.") Instant confirmedAt,
                                @Schema(format = "date-time", maxLength = ApiDoc.INSTANT_LENGTH, description = "When the recipient says it erased.") Instant erasedAt,
                                @Schema(ref = ApiDoc.ERASED_COUNTS) Map<String, Long> counts) {
        static ConfirmationResponse of(ErasureRequest request) {
            ErasureRequest.Confirmed confirmed = request.confirmation().orElseThrow();
            return new ConfirmationResponse(request.receiptId(), request.recipientId(), request.userId().value(), "confirmed",
                    request.requestedAt(), confirmed.confirmedAt(), confirmed.erasedAt(), confirmed.counts());
        }
    }
}
