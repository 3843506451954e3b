package dev.roster.application.port.in.webhooks;

import dev.roster.application.model.webhooks.WebhookDelivery;

import java.util.UUID;

/** A subscription's deliveries: list them (newest first) and make a failed or pending one due now. */
public interface WebhookDeliveriesUseCase {

    DeliveryPage list(ListDeliveriesQuery query);

    /**
     * @throws DeliveryNotFoundException when the subscription has no such delivery
     * @throws DeliveryNotRetryableException when it was delivered already
     */
    WebhookDelivery retry(UUID subscriptionId, UUID deliveryId);
}
