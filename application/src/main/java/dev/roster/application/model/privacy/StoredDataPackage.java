package dev.roster.application.model.privacy;

import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The data package attached to a completed ACCESS or PORTABILITY request, as the JSON document the data-package
 * endpoint serves (UTF-8). It is personal data: removed when the user is erased, never logged.
 */
public record StoredDataPackage(UUID requestId, UserId userId, Instant generatedAt, String json) {
    public StoredDataPackage {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(json, "json");
    }

    public long sizeBytes() {
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    @Override
    public String toString() {
        return "StoredDataPackage[requestId=" + requestId + ", generatedAt=" + generatedAt + "]";
    }
}
