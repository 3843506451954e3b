package dev.roster.application.port.in.webhooks;

import dev.roster.application.model.webhooks.WebhookDelivery;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/** Deliveries newest first, and the sequence to list before for the next page (empty on the last page). */
public record DeliveryPage(List<WebhookDelivery> items, OptionalLong next) {
    public DeliveryPage {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        Objects.requireNonNull(next, "next");
    }
}
