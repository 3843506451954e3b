package dev.roster.application.port.in.webhooks;

import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.domain.user.Change;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A merge patch of a subscription: absent members are kept; only the description can be cleared. */
public record UpdateWebhookCommand(UUID id, Optional<WebhookUrl> url, Optional<Set<ChangeType>> eventTypes,
                                   Change<String> description, Optional<Boolean> active) {
    public UpdateWebhookCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        eventTypes = Objects.requireNonNull(eventTypes, "eventTypes").map(Set::copyOf);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(active, "active");
    }
}
