package dev.roster.application.port.in.webhooks;

import dev.roster.application.model.webhooks.DeliveryStatus;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** One page of a subscription's deliveries, newest first: perhaps of one status, before a sequence (the cursor). */
public record ListDeliveriesQuery(UUID subscriptionId, Optional<DeliveryStatus> status, OptionalLong before, int limit) {
    public static final int MAX_LIMIT = 100;

    public ListDeliveriesQuery {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(before, "before");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit");
        }
    }
}
