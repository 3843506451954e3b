package dev.roster.application.port.in.privacy;

import dev.roster.application.model.privacy.PrivacyRequest;

import java.util.UUID;

/** One privacy request with its history. */
public interface GetPrivacyRequestUseCase {
    /** @throws PrivacyRequestNotFoundException when there is no such request */
    PrivacyRequest get(UUID id);
}
