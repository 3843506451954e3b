package dev.roster.application.port.in.privacy;

import dev.roster.application.model.privacy.PrivacyRequest;

/** Staff (ADMIN) file a privacy request on a person's behalf. Audited; emits {@code privacy_request.received}. */
public interface FilePrivacyRequestUseCase {
    /**
     * @throws dev.roster.application.model.privacy.InvalidPrivacyRequestException when the user id names no user, the
     *         received time lies in the future or the note cannot be stored
     */
    PrivacyRequest file(FilePrivacyRequestCommand command);
}
