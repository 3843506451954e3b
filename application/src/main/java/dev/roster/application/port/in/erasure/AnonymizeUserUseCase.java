package dev.roster.application.port.in.erasure;

import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.domain.user.UserId;

import java.util.OptionalLong;

/**
 * GDPR erasure (Art. 17): irreversibly anonymizes the user in one transaction (personal fields overwritten, files
 * removed, tokens dead) and stores a receipt. Idempotent: erasing an anonymized user returns the receipt of its
 * erasure. Rate-limited.
 */
public interface AnonymizeUserUseCase {
    /**
     * @throws dev.roster.domain.user.LastAdminException for the last active administrator
     * @throws LegalHoldException                          while the user is on legal hold
     */
    ErasureReceipt anonymize(UserId id, OptionalLong expectedVersion);

    default ErasureReceipt anonymize(UserId id) {
        return anonymize(id, OptionalLong.empty());
    }
}
