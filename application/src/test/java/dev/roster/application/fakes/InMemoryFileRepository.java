package dev.roster.application.fakes;

import dev.roster.application.port.out.lifecycle.FileRepository;
import dev.roster.domain.user.OwnedFile;
import dev.roster.domain.user.UserId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * {@link FileRepository} in memory, taking part in the store's transactions (rolled back with them). Like
 * {@code user_files}, a file needs a stored owner and a unique id, an owner who still has files cannot be removed,
 * and an owner's files come oldest first (ties by id, unsigned, as the database orders them).
 */
public final class InMemoryFileRepository implements FileRepository {
    private static final Comparator<OwnedFile> OLDEST_FIRST = Comparator.comparing(OwnedFile::createdAt)
            .thenComparing((a, b) -> InMemoryUserQueries.compareUnsigned(a.id(), b.id()));

    private final InMemoryUserStore store;
    // Guarded by the store's lock.
    private List<OwnedFile> files = new ArrayList<>();

    public InMemoryFileRepository(InMemoryUserStore store) {
        this.store = Objects.requireNonNull(store, "store");
        store.enlist(() -> {
            List<OwnedFile> saved = List.copyOf(files);
            return () -> files = new ArrayList<>(saved);
        });
        store.refuseRemovalWhileNamedBy(owner -> files.stream().anyMatch(file -> file.owner().equals(owner)));
    }

    @Override
    public void add(OwnedFile file) {
        store.write(() -> {
            if (store.findById(file.owner()).isEmpty()) {
                throw new IllegalStateException("no user " + file.owner() + " (the database's foreign key)");
            }
            if (files.stream().anyMatch(existing -> existing.id().equals(file.id()))) {
                throw new IllegalStateException("a file with this id exists (the database's primary key)");
            }
            return files.add(file);
        });
    }

    @Override
    public List<OwnedFile> findByOwner(UserId owner) {
        return store.read(() -> files.stream().filter(file -> file.owner().equals(owner)).sorted(OLDEST_FIRST).toList());
    }

    @Override
    public long countByOwner(UserId owner) {
        return findByOwner(owner).size();
    }

    @Override
    public boolean delete(UserId owner, UUID fileId) {
        return store.write(() -> files.removeIf(file -> file.owner().equals(owner) && file.id().equals(fileId)));
    }

    @Override
    public long deleteAllOf(UserId owner) {
        return store.write(() -> {
            long before = files.size();
            files.removeIf(file -> file.owner().equals(owner));
            return before - files.size();
        });
    }
}
