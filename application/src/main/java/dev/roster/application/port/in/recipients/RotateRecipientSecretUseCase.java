package dev.roster.application.port.in.recipients;

import dev.roster.application.model.recipients.ErasureRecipient;

import java.util.UUID;

/**
 * Gives a recipient a new secret; for 24 hours the previous one keeps signing beside it and still verifies the
 * recipient's confirmations. Audited.
 */
public interface RotateRecipientSecretUseCase {
    ErasureRecipient rotate(UUID id);
}
