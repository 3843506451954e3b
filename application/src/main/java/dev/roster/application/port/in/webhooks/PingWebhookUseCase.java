package dev.roster.application.port.in.webhooks;

import dev.roster.application.model.webhooks.WebhookDelivery;

import java.util.UUID;

/** Queues a {@code webhook.ping} for the subscription (whatever its event types), due at once. */
public interface PingWebhookUseCase {
    WebhookDelivery ping(UUID subscriptionId);
}
