package dev.roster.application.port.out.users;

import dev.roster.application.model.access.Principal;
import dev.roster.application.model.users.PageCursor;
import dev.roster.application.model.users.UserFilter;
import dev.roster.application.model.users.UserSort;
import dev.roster.application.model.users.UserView;
import dev.roster.domain.user.UserId;

import java.util.List;
import java.util.Optional;

/**
 * Reads users as views (never with a password hash) for listing and display. Sees every status; the filter says
 * which statuses a query wants. Every method joins the caller's transaction; without one, {@link #list} and
 * {@link #count} read in a read-only transaction of their own, which may be on a read replica that lags the primary
 * (ADR 0024): call them inside a transaction when the answer must include the caller's own writes. The other
 * methods always read the primary.
 */
public interface UserQueries {

    /** The user with this id in any status; empty when there is none. */
    Optional<UserView> findById(UserId id);

    /**
     * The user, in any status, whose identity key is {@code email}'s ({@link dev.roster.domain.user.Email#canonical()}:
     * the spelling and case of the address do not matter, only the identity does).
     */
    Optional<UserView> findByEmail(dev.roster.domain.user.Email email);

    /**
     * Who a token's subject is now: present only while the user exists and is ACTIVE, with its current roles. Asked
     * on every authenticated request, so implementations read no more than status and roles.
     */
    Optional<Principal> findActivePrincipal(UserId id);

    /**
     * At most {@code limit} users matching {@code filter}, in {@code sort} order (ties broken by id), starting
     * strictly after the user {@code after} names or else after skipping {@code offset} matches. Loads no row it
     * does not return.
     *
     * @throws dev.roster.application.model.users.InvalidQueryException when the cursor names a user that no longer
     *         exists, or was issued for another sort order
     */
    List<UserView> list(UserFilter filter, UserSort sort, Optional<PageCursor> after, long offset, int limit);

    long count(UserFilter filter);
}
