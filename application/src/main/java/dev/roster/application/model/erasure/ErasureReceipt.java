package dev.roster.application.model.erasure;

import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Proof of an erasure: which user, who asked, when, which catalogued fields were overwritten and what related
 * records were removed (kinds and counts). Holds no personal data, so it can be kept for as long as needed.
 */
public record ErasureReceipt(UUID id, UserId userId, Optional<UserId> requestedBy, Instant erasedAt,
                             List<String> erasedFields, Map<String, Long> removed) {
    public ErasureReceipt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(erasedAt, "erasedAt");
        erasedFields = List.copyOf(erasedFields);
        removed = Map.copyOf(removed);
    }
}
