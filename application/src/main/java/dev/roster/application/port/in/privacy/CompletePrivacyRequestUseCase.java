package dev.roster.application.port.in.privacy;

import dev.roster.application.model.privacy.PrivacyRequest;

import java.util.Optional;
import java.util.UUID;

/**
 * Fulfils a request by its type: ACCESS and PORTABILITY attach the user's data package as it is now; ERASURE runs the
 * erasure (refused while a legal hold stands: the request records it and stays open); RESTRICTION restricts the user;
 * RECTIFICATION and OBJECTION record the note of what was done (required for them). Audited; emits
 * {@code privacy_request.completed}.
 */
public interface CompletePrivacyRequestUseCase {
    /**
     * @throws PrivacyRequestNotFoundException when there is no such request
     * @throws dev.roster.application.model.privacy.PrivacyRequestStateException when it is closed or its user is gone
     * @throws dev.roster.application.port.in.erasure.LegalHoldException for an ERASURE while the user is on legal hold
     */
    PrivacyRequest complete(UUID id, Optional<String> note);
}
