package dev.roster.adapters.in.http.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.adapters.in.http.common.ApiDoc;
import dev.roster.application.port.in.audit.ChainVerification;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code GET /api/v1/audit-events/verify}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChainVerificationResponse(boolean valid, @Schema(minimum = "0", maximum = ApiDoc.MAX_LONG) long checked,
                                        @Schema(minimum = "1", maximum = ApiDoc.MAX_LONG) @Nullable Long firstBrokenSequence,
                                        @Schema(maxLength = ApiDoc.TEXT_LENGTH) @Nullable String problem) {
    public static ChainVerificationResponse of(ChainVerification verification) {
        return new ChainVerificationResponse(verification.valid(), verification.checked(),
                verification.firstBrokenSequence().orElse(null), verification.problem().orElse(null));
    }
}
