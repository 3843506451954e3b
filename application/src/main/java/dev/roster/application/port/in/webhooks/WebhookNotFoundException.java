package dev.roster.application.port.in.webhooks;

import dev.roster.application.model.ApplicationException;

/** No webhook subscription with that id. */
public final class WebhookNotFoundException extends ApplicationException {
    public WebhookNotFoundException() {
        super("No webhook subscription with that id.");
    }
}
