package dev.roster.adapters.in.http.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.application.port.in.audit.ChainVerification;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code GET /api/v1/audit-events/verify}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChainVerificationResponse(boolean valid, long checked, @Nullable Long firstBrokenSequence, @Nullable String problem) {
    public static ChainVerificationResponse of(ChainVerification verification) {
        return new ChainVerificationResponse(verification.valid(), verification.checked(),
                verification.firstBrokenSequence().orElse(null), verification.problem().orElse(null));
    }
}
