package dev.roster.application.port.in.privacy;

import dev.roster.application.model.privacy.PrivacyRequestCursor;
import dev.roster.application.model.privacy.PrivacyRequestFilter;

import java.util.Objects;
import java.util.Optional;

/** A page of privacy requests matching {@code filter}, by due date then id, after {@code after}. */
public record ListPrivacyRequestsQuery(PrivacyRequestFilter filter, Optional<PrivacyRequestCursor> after, int limit) {
    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 50;

    public ListPrivacyRequestsQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
    }
}
