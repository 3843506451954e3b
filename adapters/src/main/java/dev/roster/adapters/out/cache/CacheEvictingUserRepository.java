package dev.roster.adapters.out.cache;

import dev.roster.application.port.out.users.UserReadCache;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import io.micronaut.context.annotation.Primary;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link UserRepository} the services get: the store's, plus eviction from the {@link UserReadCache} of every user
 * a write touches, once the write's transaction has committed (every change to a user goes through here). Evicting
 * at commit, not before, keeps a concurrent reader from caching the old value again between the eviction and the
 * commit; a rolled-back write evicts nothing.
 */
@Singleton
@Primary
final class CacheEvictingUserRepository implements UserRepository {
    private final UserRepository storage;
    private final UserReadCache cache;
    private final TransactionOperations<Connection> transactions;

    CacheEvictingUserRepository(@Named("storage") UserRepository storage, UserReadCache cache,
                                TransactionOperations<Connection> transactions) {
        this.storage = storage;
        this.cache = cache;
        this.transactions = transactions;
    }

    @Override
    public void add(User user) {
        storage.add(user);
        evictAfterCommit(user.id());
    }

    @Override
    public void addAll(List<User> users) {
        storage.addAll(users); // new users: nothing of theirs can be cached (absent users are not)
    }

    @Override
    public Set<String> takenEmails(Collection<Email> emails) {
        return storage.takenEmails(emails);
    }

    @Override
    public Optional<User> findById(UserId id) {
        return storage.findById(id);
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return storage.findByEmail(email);
    }

    @Override
    public long update(User user) {
        long version = storage.update(user);
        evictAfterCommit(user.id());
        return version;
    }

    @Override
    public void recordLogin(UserId id, Instant at) {
        storage.recordLogin(id, at);
        evictAfterCommit(id);
    }

    @Override
    public boolean delete(UserId id) {
        boolean deleted = storage.delete(id);
        evictAfterCommit(id);
        return deleted;
    }

    @Override
    public List<UserId> lockDeletedBefore(Instant cutoff, int limit) {
        return storage.lockDeletedBefore(cutoff, limit);
    }

    @Override
    public long countActiveAdminsLocked() {
        return storage.countActiveAdminsLocked();
    }

    private void evictAfterCommit(UserId id) {
        Optional<? extends TransactionStatus<?>> transaction = transactions.findTransactionStatus();
        if (transaction.isEmpty()) {
            cache.evict(id); // auto-commit: the write is already committed
            return;
        }
        transaction.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.evict(id);
            }
        });
    }
}
