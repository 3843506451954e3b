package dev.roster.application.model.webhooks;

import dev.roster.application.model.events.ChangeType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A receiver of signed webhooks: its URL, the change types it wants (empty = all), whether it is active (a 410 answer
 * or an administrator deactivates it), its secret and, for 24 hours after a rotation, the previous secret, which keeps
 * signing beside the new one.
 */
public record WebhookSubscription(UUID id, WebhookUrl url, Set<ChangeType> eventTypes, Optional<String> description,
                                  boolean active, Optional<String> disabledReason, WebhookSecret secret,
                                  Optional<WebhookSecret> previousSecret, Optional<Instant> previousSecretExpiresAt,
                                  Instant createdAt, Instant updatedAt) {
    /** How long the previous secret keeps signing after a rotation. */
    public static final Duration ROTATION_OVERLAP = SigningSecrets.ROTATION_OVERLAP;
    public static final int MAX_DESCRIPTION = 500;
    /** Why a subscription was deactivated by Roster: the receiver answered 410 Gone. */
    public static final String GONE = "gone";

    public WebhookSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        eventTypes = Set.copyOf(Objects.requireNonNull(eventTypes, "eventTypes"));
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(disabledReason, "disabledReason");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(previousSecret, "previousSecret");
        Objects.requireNonNull(previousSecretExpiresAt, "previousSecretExpiresAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        description.ifPresent(WebhookSubscription::checkDescription);
    }

    public static void checkDescription(String text) {
        checkText("description", text, MAX_DESCRIPTION);
    }

    /** A free-text field of a receiver: at most {@code max} characters, no control characters, no unpaired surrogates. */
    public static void checkText(String field, String text, int max) {
        if (text.length() > max) {
            throw new InvalidWebhookException(field, "must be at most " + max + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !(Character.isHighSurrogate(c)
                    && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(++i)))) {
                throw new InvalidWebhookException(field, "must not contain control characters or unpaired surrogates");
            }
        }
    }

    public boolean wants(ChangeType type) {
        return eventTypes.isEmpty() || eventTypes.contains(type);
    }

    public SigningSecrets secrets() {
        return new SigningSecrets(secret, previousSecret, previousSecretExpiresAt);
    }

    /** Where the dispatcher sends this subscription's deliveries, and with which secrets. */
    public DeliveryEndpoint endpoint() {
        return new DeliveryEndpoint(id, url, secrets());
    }

    /** The secrets that sign a message sent at {@code now}: the current one first, then the previous one in its 24 h. */
    public List<WebhookSecret> signingSecrets(Instant now) {
        return secrets().valid(now);
    }

    public WebhookSubscription rotated(WebhookSecret next, Instant now) {
        SigningSecrets rotated = secrets().rotated(next, now);
        return new WebhookSubscription(id, url, eventTypes, description, active, disabledReason, rotated.current(),
                rotated.previous(), rotated.previousExpiresAt(), createdAt, now);
    }

    public WebhookSubscription changed(WebhookUrl newUrl, Set<ChangeType> types, Optional<String> text, boolean isActive, Instant now) {
        Optional<String> reason = isActive ? Optional.empty() : active ? Optional.empty() : disabledReason;
        return new WebhookSubscription(id, newUrl, types, text, isActive, reason, secret, previousSecret,
                previousSecretExpiresAt, createdAt, now);
    }
}
