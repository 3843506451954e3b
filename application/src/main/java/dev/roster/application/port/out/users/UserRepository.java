package dev.roster.application.port.out.users;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.EmailAlreadyTakenException;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserVersionConflictException;

import java.util.Optional;

/**
 * Stores and loads the {@link User} aggregate, whatever its status. Implementations must be called inside a
 * {@link TransactionBoundary} transaction for writes.
 *
 * <p>Contract (checked by {@code UserRepositoryContract}):
 * <ul>
 *   <li>{@link #add} stores a new user at version 0; an email whose canonical form another user has raises
 *       {@link EmailAlreadyTakenException} (a unique index is the backstop for races).</li>
 *   <li>{@link #findById} / {@link #findByEmail} return a fresh aggregate each call (changes to it are not stored
 *       until {@link #update}); empty means no such user.</li>
 *   <li>{@link #update} stores every field but {@code createdAt} and {@code lastLoginAt} (which only
 *       {@link #recordLogin} writes) iff the stored version still equals {@code user.version()}, and
 *       returns the new version ({@code user.version() + 1}); otherwise raises
 *       {@link UserVersionConflictException} and changes nothing.</li>
 * </ul>
 */
public interface UserRepository {

    void add(User user);

    /**
     * Stores new users at version 0 in as few statements as the store allows (an import's batch). When any email's
     * canonical form is taken (by a stored user or by another in the list), {@link EmailAlreadyTakenException} is
     * raised and the transaction must be rolled back (some of the list may have been written in it).
     */
    void addAll(java.util.List<User> users);

    /** Which of these emails' canonical forms belong to stored users (whatever their status). */
    java.util.Set<String> takenEmails(java.util.Collection<Email> emails);

    Optional<User> findById(UserId id);

    /** Looks the email up by its canonical (case-insensitive) form. */
    Optional<User> findByEmail(Email email);

    long update(User user);

    /**
     * Records a successful login: sets {@code lastLoginAt} without counting as a change of the user (the version
     * stays, so a login never invalidates an administrator's {@code If-Match}).
     */
    void recordLogin(UserId id, java.time.Instant at);

    /**
     * Removes the user's row and its roles and attributes for good (purge). Owned resources must be gone first: a
     * user that still owns files is refused by the store (foreign key) as a backstop to the service's rule.
     *
     * @return whether there was such a user
     */
    boolean delete(UserId id);

    /**
     * Locks, until the transaction ends, up to {@code limit} users that are DELETED since before {@code cutoff} and not
     * under a legal hold (held users would fill every batch and stall retention behind them), oldest deletion first, skipping users another transaction has locked (so that instances running the retention job
     * at once never take the same user), and returns their ids. On PostgreSQL a concurrent call gets the users
     * this one did not take; on H2 (one process, so one retention job at a time) a concurrent call may find every
     * matching user locked and get none, since H2 locks each row it reads before applying the limit.
     */
    java.util.List<UserId> lockDeletedBefore(java.time.Instant cutoff, int limit);

    /**
     * Takes the administrators' lock for the rest of the transaction, then counts the ACTIVE users holding ADMIN.
     * Every change that can reduce that number calls this first, so two concurrent changes are serialised and the
     * second one sees the first one's result: the last active administrator cannot be removed by a race.
     */
    long countActiveAdminsLocked();
}
