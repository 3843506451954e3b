package dev.roster.application.port.in.audit;

import dev.roster.application.model.audit.AuditFilter;
import dev.roster.application.model.users.InvalidQueryException;

import java.util.Objects;
import java.util.Optional;

/**
 * A page of audit events: the filter, at most {@code limit} (1..500) events, oldest first or with
 * {@code newestFirst} newest first, continuing after the cursor (which must come from a page of the same order).
 */
public record ListAuditEventsQuery(AuditFilter filter, int limit, Optional<String> cursor, boolean newestFirst) {
    public static final int MAX_LIMIT = 500;

    public ListAuditEventsQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidQueryException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    /** Oldest first. */
    public ListAuditEventsQuery(AuditFilter filter, int limit, Optional<String> cursor) {
        this(filter, limit, cursor, false);
    }
}
