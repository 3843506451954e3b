package dev.roster.application.model.webhooks;

import java.util.Locale;
import java.util.Optional;

/** Where a delivery stands: waiting for (another) attempt, accepted by the receiver, or given up. */
public enum DeliveryStatus {
    PENDING, DELIVERED, FAILED;

    /** The name in the API, e.g. {@code pending}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> fromWireName(String name) {
        for (DeliveryStatus status : values()) {
            if (status.wireName().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
