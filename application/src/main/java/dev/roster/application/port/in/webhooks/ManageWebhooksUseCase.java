package dev.roster.application.port.in.webhooks;

import dev.roster.application.model.webhooks.WebhookSubscription;

import java.util.List;
import java.util.UUID;

/** Subscriptions to signed webhooks (ADMIN): create, list, read, change, delete. Writes are audited. */
public interface ManageWebhooksUseCase {

    /** Creates an active subscription with a new secret (the only time, with rotation, that the secret is shown). */
    WebhookSubscription create(CreateWebhookCommand command);

    /** Every subscription, oldest first. */
    List<WebhookSubscription> list();

    /** @throws WebhookNotFoundException when there is none with this id */
    WebhookSubscription get(UUID id);

    /** Applies a merge patch of url, eventTypes, description and active. */
    WebhookSubscription update(UpdateWebhookCommand command);

    /** Deletes the subscription and its deliveries; an attempt in flight is not recorded. */
    void delete(UUID id);
}
