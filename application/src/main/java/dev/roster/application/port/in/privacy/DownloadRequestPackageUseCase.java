package dev.roster.application.port.in.privacy;

import dev.roster.application.model.privacy.StoredDataPackage;
import dev.roster.domain.user.UserId;

import java.util.Optional;
import java.util.UUID;

/** The data package attached to a completed ACCESS or PORTABILITY request. Every download is audited. */
public interface DownloadRequestPackageUseCase {
    /**
     * @param owner when present (self-service), the request must be this user's: another user's is not found
     * @throws PrivacyRequestNotFoundException  when there is no such request (for this owner)
     * @throws RequestPackageNotFoundException when it has no package (not fulfilled with one, or erased since)
     */
    StoredDataPackage download(UUID requestId, Optional<UserId> owner);
}
