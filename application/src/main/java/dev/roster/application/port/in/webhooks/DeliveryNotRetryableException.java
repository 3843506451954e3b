package dev.roster.application.port.in.webhooks;

import dev.roster.application.model.ApplicationException;

/** The delivery was delivered; only a pending or failed delivery can be retried. */
public final class DeliveryNotRetryableException extends ApplicationException {
    public DeliveryNotRetryableException() {
        super("The delivery was delivered; only a pending or failed delivery can be retried.");
    }
}
