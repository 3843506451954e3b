package dev.roster.application.port.in.privacy;

import dev.roster.application.model.privacy.PrivacyRequest;

import java.util.UUID;

/**
 * Extends a request's deadline by 1 or 2 calendar months (GDPR Art. 12(3)): once, with a reason, before the original
 * due date. Audited; emits {@code privacy_request.extended}.
 */
public interface ExtendPrivacyRequestUseCase {
    /**
     * @throws PrivacyRequestNotFoundException when there is no such request
     * @throws dev.roster.application.model.privacy.PrivacyRequestStateException when it is closed, extended already
     *         or past its original due date
     */
    PrivacyRequest extend(UUID id, String reason, int months);
}
