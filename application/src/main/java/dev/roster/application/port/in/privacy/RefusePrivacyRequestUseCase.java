package dev.roster.application.port.in.privacy;

import dev.roster.application.model.privacy.PrivacyRequest;

import java.util.UUID;

/** Refuses a request with a reason (GDPR Art. 12(4)). Audited (without the reason); emits {@code privacy_request.refused}. */
public interface RefusePrivacyRequestUseCase {
    /**
     * @throws PrivacyRequestNotFoundException when there is no such request
     * @throws dev.roster.application.model.privacy.PrivacyRequestStateException when it is closed or IN_PROGRESS
     */
    PrivacyRequest refuse(UUID id, String reason);
}
