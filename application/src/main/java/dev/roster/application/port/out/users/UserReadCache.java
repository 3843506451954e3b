package dev.roster.application.port.out.users;

import dev.roster.application.model.access.Principal;
import dev.roster.application.model.users.UserView;
import dev.roster.domain.user.UserId;

import java.util.Optional;
import java.util.function.Function;

/**
 * A read cache of what the hottest reads return: a user's view ({@code GET /api/v1/users/{id}}) and a token
 * subject's principal (every authenticated request). Absent users are not cached.
 *
 * <p>Contract: {@link #evict} after the commit of every change to a user, and a load that runs concurrently with an
 * eviction of the same user never leaves its (possibly older) result behind: whoever committed a change and then
 * reads sees that change or a newer one.
 *
 * <p>With several instances on one database, each instance also evicts for the changes the others commit, as it learns
 * of them from the change feed (ADR 0025). While it cannot learn of them (its notification connection is lost) the
 * cache is {@link #suspend suspended}: every read loads, so nothing stale is served unnoticed.
 */
public interface UserReadCache {

    /** The cached view, or the result of {@code load} (which reads committed data), cached when present. */
    Optional<UserView> view(UserId id, Function<UserId, Optional<UserView>> load);

    /** The cached principal, or the result of {@code load}, cached when present. */
    Optional<Principal> principal(UserId id, Function<UserId, Optional<Principal>> load);

    /** Forgets whatever is cached about this user. */
    void evict(UserId id);

    /**
     * Forgets everything and loads on every read until {@link #resume}; a load that was running when this was called
     * does not leave its result behind.
     */
    void suspend();

    /** Caches again (after a {@link #suspend}); a cache that is not suspended is unchanged. */
    void resume();

    /** No cache: every read loads. */
    static UserReadCache none() {
        return new UserReadCache() {
            @Override
            public Optional<UserView> view(UserId id, Function<UserId, Optional<UserView>> load) {
                return load.apply(id);
            }

            @Override
            public Optional<Principal> principal(UserId id, Function<UserId, Optional<Principal>> load) {
                return load.apply(id);
            }

            @Override
            public void evict(UserId id) {
                // nothing is kept
            }

            @Override
            public void suspend() {
                // nothing is kept
            }

            @Override
            public void resume() {
                // nothing is kept
            }
        };
    }
}
