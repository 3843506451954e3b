package dev.roster.application.model.recipients;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Where one recipient stands on one erasure: {@code pending} (asked, or about to be asked: {@code requestedAt} is
 * empty while the erasure's change event waits for the sequencer), {@code confirmed} (with the confirmation) or
 * {@code failed} (the delivery gave up; a confirmation still counts). Overdue: not confirmed by {@code dueAt}, which is
 * {@code requestedAt} plus the confirmation window.
 */
public record RecipientStatus(UUID recipientId, String name, Status status, Optional<Instant> requestedAt,
                              Optional<Instant> dueAt, boolean overdue, Optional<ErasureRequest.Confirmed> confirmation) {
    public enum Status {
        PENDING, CONFIRMED, FAILED;

        /** The name in the API, e.g. {@code pending}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RecipientStatus {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(confirmation, "confirmation");
    }
}
