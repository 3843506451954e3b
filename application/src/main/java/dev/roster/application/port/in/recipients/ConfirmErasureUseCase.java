package dev.roster.application.port.in.recipients;

import dev.roster.application.model.recipients.ErasureConfirmation;
import dev.roster.application.model.recipients.ErasureRequest;

import java.util.UUID;
import java.util.function.Function;

/**
 * A recipient confirms that it erased a user (no bearer token: the request is signed with the recipient's secret).
 * In this order: the signature is checked (headers present, timestamp within 5 minutes of now, a {@code v1} signature
 * by the recipient's current secret or, within 24 hours of a rotation, the previous one); a failure is audited (the
 * recipient's id and the reason, nothing from the body) and refused. Then {@code body} reads the body (and throws for
 * an invalid one); then every request of the recipient about that user that is not confirmed yet is confirmed, in
 * one transaction. A receipt whose last outstanding recipient this was is reported to the
 * {@code ErasureConfirmationListener}s in that same transaction.
 */
public interface ConfirmErasureUseCase {

    /**
     * Returns the request as confirmed (the latest one, if the user was erased more than once); a repeat changes
     * nothing and returns the request as first confirmed.
     *
     * @throws ConfirmationRefusedException for a missing, malformed, stale or wrong signature, or an unknown recipient
     * @throws ErasureNotPendingException when the recipient was never asked about this user
     */
    ErasureRequest confirm(UUID recipientId, SignedRequest request, Function<byte[], ErasureConfirmation> body);
}
