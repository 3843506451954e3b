package dev.roster.application.fakes;

import dev.roster.application.port.out.users.UserRepository;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link UserRepository} that passes every call on; tests extend it and override the one method whose behaviour
 * they need to change (a lost race, a version conflict), so a new port method is added here once, not in each test.
 */
public class ForwardingUserRepository implements UserRepository {
    protected final UserRepository delegate;

    public ForwardingUserRepository(UserRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void add(User user) {
        delegate.add(user);
    }

    @Override
    public void addAll(List<User> users) {
        delegate.addAll(users);
    }

    @Override
    public java.util.Set<String> takenEmails(java.util.Collection<Email> emails) {
        return delegate.takenEmails(emails);
    }

    @Override
    public Optional<User> findById(UserId id) {
        return delegate.findById(id);
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return delegate.findByEmail(email);
    }

    @Override
    public long update(User user) {
        return delegate.update(user);
    }

    @Override
    public void recordLogin(UserId id, Instant at) {
        delegate.recordLogin(id, at);
    }

    @Override
    public boolean delete(UserId id) {
        return delegate.delete(id);
    }

    @Override
    public List<UserId> lockDeletedBefore(Instant cutoff, int limit) {
        return delegate.lockDeletedBefore(cutoff, limit);
    }

    @Override
    public long countActiveAdminsLocked() {
        return delegate.countActiveAdminsLocked();
    }
}
