package dev.roster.application.port.in.webhooks;

import dev.roster.application.model.webhooks.WebhookSubscription;

import java.util.UUID;

/** Gives a subscription a new secret; the previous one keeps signing beside it for 24 hours. Audited. */
public interface RotateWebhookSecretUseCase {
    WebhookSubscription rotate(UUID id);
}
