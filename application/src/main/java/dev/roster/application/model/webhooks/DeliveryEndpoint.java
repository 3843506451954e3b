package dev.roster.application.model.webhooks;

import java.util.Objects;
import java.util.UUID;

/**
 * Where and how the dispatcher sends a delivery: the receiver's id (a webhook subscription's or an erasure
 * recipient's; deliveries name it as their {@code subscriptionId}), its URL and the secrets that sign.
 */
public record DeliveryEndpoint(UUID id, WebhookUrl url, SigningSecrets secrets) {
    public DeliveryEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secrets, "secrets");
    }
}
