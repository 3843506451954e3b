package dev.roster.application.port.in.accounts;

import java.util.UUID;

/**
 * Issues a new key to an active service account; the previous key is refused from the next request on.
 * {@link ServiceAccountNotFoundException} for an unknown id, {@link ServiceAccountRevokedException} for a revoked one.
 */
public interface RotateServiceAccountKeyUseCase {
    IssuedKey rotate(UUID id);
}
