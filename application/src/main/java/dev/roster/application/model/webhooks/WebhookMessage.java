package dev.roster.application.model.webhooks;

import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * What one delivery sends: a change event as the feed shows it ({@code id}, {@code position}, {@code type},
 * {@code occurredAt}, {@code userId}, {@code data}), or a {@code webhook.ping} (no position, no user). Kept with the
 * delivery, so that retries send the same message after the feed's retention removed the event.
 */
public record WebhookMessage(UUID eventId, String type, OptionalLong position, Instant occurredAt, Optional<UserId> userId,
                             Map<String, Object> data) {
    public static final String PING = "webhook.ping";

    public WebhookMessage {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(userId, "userId");
        data = Map.copyOf(Objects.requireNonNull(data, "data"));
    }

    public static WebhookMessage ping(UUID id, Instant at, UUID subscriptionId) {
        return new WebhookMessage(id, PING, OptionalLong.empty(), at, Optional.empty(), Map.of("webhookId", subscriptionId.toString()));
    }

    public boolean isPing() {
        return PING.equals(type);
    }
}
