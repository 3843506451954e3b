package dev.roster.application.port.in.webhooks;

import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.webhooks.WebhookUrl;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@code POST /api/v1/webhooks}: where to send, which change types (empty = all), an optional description. */
public record CreateWebhookCommand(WebhookUrl url, Set<ChangeType> eventTypes, Optional<String> description) {
    public CreateWebhookCommand {
        Objects.requireNonNull(url, "url");
        eventTypes = Set.copyOf(Objects.requireNonNull(eventTypes, "eventTypes"));
        Objects.requireNonNull(description, "description");
    }
}
