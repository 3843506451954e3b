package dev.roster.application.port.in.accounts;

import java.util.UUID;

/**
 * Revokes a service account: its key is refused from the next request on, on every instance. Idempotent (revoking a
 * revoked account changes nothing and records nothing); {@link ServiceAccountNotFoundException} for an unknown id.
 */
public interface RevokeServiceAccountUseCase {
    void revoke(UUID id);
}
