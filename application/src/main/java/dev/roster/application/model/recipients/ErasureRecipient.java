package dev.roster.application.model.recipients;

import dev.roster.application.model.webhooks.DeliveryEndpoint;
import dev.roster.application.model.webhooks.InvalidWebhookException;
import dev.roster.application.model.webhooks.SigningSecrets;
import dev.roster.application.model.webhooks.WebhookSecret;
import dev.roster.application.model.webhooks.WebhookSubscription;
import dev.roster.application.model.webhooks.WebhookUrl;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A downstream service that holds user data and must erase it when Roster erases a user (GDPR Art. 17 and 19): its
 * name, the URL Roster sends signed {@code user.erasure_requested} deliveries to, and its secrets, which sign those
 * deliveries and verify its confirmations. Inactive once it answered 410 Gone (it is then asked nothing more).
 */
public record ErasureRecipient(UUID id, String name, WebhookUrl url, boolean active, Optional<String> disabledReason,
                               SigningSecrets secrets, Instant createdAt, Instant updatedAt) {
    public static final int MAX_NAME = 200;

    public ErasureRecipient {
        Objects.requireNonNull(id, "id");
        name = checkName(name);
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(disabledReason, "disabledReason");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The name as stored: stripped, 1 to 200 characters, no control characters. */
    public static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidWebhookException("name", "is required");
        }
        String stripped = name.strip();
        WebhookSubscription.checkText("name", stripped, MAX_NAME);
        return stripped;
    }

    /** A new, active recipient. */
    public static ErasureRecipient create(UUID id, String name, WebhookUrl url, SigningSecrets secrets, Instant now) {
        return new ErasureRecipient(id, name, url, true, Optional.empty(), secrets, now, now);
    }

    /** Where the dispatcher sends this recipient's erasure requests, and with which secrets. */
    public DeliveryEndpoint endpoint() {
        return new DeliveryEndpoint(id, url, secrets);
    }

    public ErasureRecipient rotated(WebhookSecret next, Instant now) {
        return new ErasureRecipient(id, name, url, active, disabledReason, secrets.rotated(next, now), createdAt, now);
    }
}
