package dev.roster.application.port.in.privacy;

import dev.roster.application.model.privacy.PrivacyRequest;
import dev.roster.application.model.privacy.PrivacyRequestType;
import dev.roster.domain.user.UserId;

import java.util.Optional;

/**
 * A user files a privacy request about itself (self-service), received now. Audited; emits
 * {@code privacy_request.received}.
 */
public interface FileOwnPrivacyRequestUseCase {
    /**
     * @throws dev.roster.application.model.privacy.PrivacyRequestStateException when the user has an open request of
     *         this type already (one at a time per type)
     */
    PrivacyRequest fileOwn(UserId self, PrivacyRequestType type, Optional<String> note);
}
