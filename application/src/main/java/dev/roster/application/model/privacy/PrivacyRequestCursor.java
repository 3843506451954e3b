package dev.roster.application.model.privacy;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a page of privacy requests ends: the due date and id of its last request. Lists are ordered by (dueAt, id),
 * the order of a queue to work through; the next page starts strictly after this pair. Ids are compared by the
 * database only (its UUID order is not {@link UUID#compareTo}'s).
 */
public record PrivacyRequestCursor(Instant dueAt, UUID id) {
    public PrivacyRequestCursor {
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(id, "id");
    }

    public static PrivacyRequestCursor after(PrivacyRequest request) {
        return new PrivacyRequestCursor(request.dueAt(), request.id());
    }
}
