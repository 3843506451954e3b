package dev.roster.application.fakes;

import dev.roster.application.model.access.Principal;
import dev.roster.application.model.users.AttributeFilter;
import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.model.users.PageCursor;
import dev.roster.application.model.users.UserFilter;
import dev.roster.application.model.users.UserSort;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.out.users.UserQueries;
import dev.roster.domain.user.CaseFold;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserSnapshot;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@link UserQueries} over an {@link InMemoryUserStore}, with the semantics the SQL adapter must have:
 * <ul>
 *   <li>{@code text}: case-insensitive substring of the email or the display name;</li>
 *   <li>{@code createdFrom} inclusive, {@code createdTo} exclusive; attribute filters all must match; restricted
 *       users only when the filter includes them;</li>
 *   <li>email order is by the canonical (lower-case) email; every order breaks ties by id, compared as an
 *       <em>unsigned</em> 128-bit number (how databases order uuids, unlike {@link UUID#compareTo}); a descending
 *       sort reverses the whole order, id included;</li>
 *   <li>a cursor starts strictly after the named user's position, whether or not that user still matches the
 *       filter; a cursor naming a user that no longer exists is an {@link InvalidQueryException}.</li>
 * </ul>
 */
public final class InMemoryUserQueries implements UserQueries {
    private final InMemoryUserStore store;

    public InMemoryUserQueries(InMemoryUserStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Optional<UserView> findById(UserId id) {
        return store.findById(id).map(UserView::of);
    }

    @Override
    public Optional<UserView> findByEmail(dev.roster.domain.user.Email email) {
        return store.findByCanonicalEmail(email.canonical()).map(UserView::of);
    }

    @Override
    public Optional<Principal> findActivePrincipal(UserId id) {
        return store.findById(id)
                .filter(user -> user.status() == dev.roster.domain.user.UserStatus.ACTIVE)
                .map(user -> new Principal(user.id(), user.roles(), user.sessionGeneration()));
    }

    @Override
    public List<UserView> list(UserFilter filter, UserSort sort, Optional<PageCursor> after, long offset, int limit) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(after, "after");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        Comparator<UserSnapshot> order = order(sort);
        Stream<UserSnapshot> matches = store.all().stream().filter(matching(filter)).sorted(order);
        if (after.isPresent()) {
            PageCursor cursor = after.get();
            if (cursor.sort() != sort) {
                throw new InvalidQueryException("cursor", "was issued for another sort order");
            }
            UserSnapshot anchor = store.findById(cursor.after())
                    .orElseThrow(() -> new InvalidQueryException("cursor", "names a user that no longer exists"));
            matches = matches.filter(user -> order.compare(user, anchor) > 0);
        }
        return matches.skip(offset).limit(limit).map(UserView::of).toList();
    }

    @Override
    public long count(UserFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return store.all().stream().filter(matching(filter)).count();
    }

    /** The order of a sort, ties broken by unsigned id. */
    public static Comparator<UserSnapshot> order(UserSort sort) {
        Comparator<UserSnapshot> ascending = switch (sort) {
            case CREATED_AT_ASC, CREATED_AT_DESC -> Comparator.comparing(UserSnapshot::createdAt);
            case EMAIL_ASC, EMAIL_DESC -> Comparator.comparing(user -> user.email().canonical());
        };
        ascending = ascending.thenComparing((a, b) -> compareUnsigned(a.id().value(), b.id().value()));
        return sort.descending() ? ascending.reversed() : ascending;
    }

    /** Compares two uuids as unsigned 128-bit numbers, as PostgreSQL and H2 order them. */
    public static int compareUnsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private static Predicate<UserSnapshot> matching(UserFilter filter) {
        return user -> filter.statuses().contains(user.status())
                && filter.text().map(text -> containsText(user, text)).orElse(true)
                && filter.role().map(role -> user.roles().contains(role)).orElse(true)
                && filter.createdFrom().map(from -> !user.createdAt().isBefore(from)).orElse(true)
                && filter.createdTo().map(to -> user.createdAt().isBefore(to)).orElse(true)
                && filter.attributes().stream().allMatch(attribute -> hasAttribute(user, attribute))
                && (filter.restrictedIncluded() || !user.restricted());
    }

    private static boolean containsText(UserSnapshot user, String text) {
        String needle = CaseFold.fold(text);
        return Email.keyFragments(text).stream().anyMatch(user.email().canonical()::contains)
                || (user.displayName() != null && CaseFold.fold(user.displayName().value()).contains(needle));
    }

    private static boolean hasAttribute(UserSnapshot user, AttributeFilter attribute) {
        return attribute.value().equals(user.attributes().asMap().get(attribute.key()));
    }
}
