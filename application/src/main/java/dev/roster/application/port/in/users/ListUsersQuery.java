package dev.roster.application.port.in.users;

import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.model.users.UserFilter;
import dev.roster.application.model.users.UserSort;

import java.util.Objects;
import java.util.Optional;

/**
 * A page request: the filter, the order, at most {@code limit} (1..500) items, and either a cursor or an offset
 * (not both).
 */
public record ListUsersQuery(UserFilter filter, UserSort sort, int limit, Optional<String> cursor, long offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    public static final long MAX_OFFSET = 100_000;

    public ListUsersQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidQueryException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new InvalidQueryException("offset", "must be between 0 and " + MAX_OFFSET + "; use cursor to page further");
        }
        if (cursor.isPresent() && offset > 0) {
            throw new InvalidQueryException("offset", "cannot be combined with cursor");
        }
    }
}
