package dev.roster.application.service.users;

import dev.roster.application.model.users.PageCursor;
import dev.roster.application.model.users.UserFilter;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.users.CountUsersUseCase;
import dev.roster.application.port.in.users.FindUserByEmailUseCase;
import dev.roster.application.port.in.users.GetUserUseCase;
import dev.roster.application.port.in.users.ListUsersQuery;
import dev.roster.application.port.in.users.ListUsersUseCase;
import dev.roster.application.port.in.users.UserPage;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserQueries;
import dev.roster.application.port.out.users.UserReadCache;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads users: one by id or by email, pages of a filtered list (keyset or offset), and counts. */
public final class UserDirectoryService implements GetUserUseCase, FindUserByEmailUseCase, ListUsersUseCase,
        CountUsersUseCase {
    private final UserQueries queries;
    private final TransactionBoundary transactions;
    private final UserReadCache cache;

    public UserDirectoryService(UserQueries queries, TransactionBoundary transactions, UserReadCache cache) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** From the read cache when it holds the user: no transaction, no connection. */
    @Override
    public UserView get(UserId id) {
        return cache.view(id, key -> transactions.readOnly(() -> queries.findById(key)))
                .orElseThrow(() -> new UserNotFoundException(id));
    }

    /** Not cached: the cache is keyed by id, and an email lookup is an administrator's rare question. */
    @Override
    public Optional<UserView> findByEmail(Email email) {
        return transactions.readOnly(() -> queries.findByEmail(email));
    }

    /**
     * Read without a transaction of ours, so that the store may answer from a read replica (ADR 0024): a list may lag
     * the caller's own writes by the replica's delay.
     */
    @Override
    public UserPage list(ListUsersQuery query) {
        Optional<PageCursor> after = query.cursor().map(text -> PageCursor.decode(text, query.sort()));
        // One row more than asked tells whether another page follows, without a count.
        List<UserView> rows = queries.list(query.filter(), query.sort(), after, query.offset(), query.limit() + 1);
        if (rows.size() <= query.limit()) {
            return new UserPage(rows, Optional.empty());
        }
        List<UserView> page = rows.subList(0, query.limit());
        UserView last = page.get(page.size() - 1);
        return new UserPage(page, Optional.of(new PageCursor(query.sort(), new UserId(last.id())).encode()));
    }

    /** Like {@link #list}: may come from a read replica. */
    @Override
    public long count(UserFilter filter) {
        return queries.count(filter);
    }
}
