package dev.roster.application.fakes;

import dev.roster.application.port.out.erasure.LegalHold;
import dev.roster.application.port.out.erasure.LegalHoldRepository;
import dev.roster.domain.user.UserId;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link LegalHoldRepository} in memory, rolled back with the store's transactions. Like {@code legal_holds}, a hold
 * needs a stored user, and a held user cannot be removed.
 */
public final class InMemoryLegalHoldRepository implements LegalHoldRepository {
    private final InMemoryUserStore store;
    // Guarded by the store's lock.
    private Map<UserId, LegalHold> holds = new HashMap<>();

    public InMemoryLegalHoldRepository(InMemoryUserStore store) {
        this.store = Objects.requireNonNull(store, "store");
        store.enlist(() -> {
            Map<UserId, LegalHold> saved = Map.copyOf(holds);
            return () -> holds = new HashMap<>(saved);
        });
        store.refuseRemovalWhileNamedBy(userId -> holds.containsKey(userId));
    }

    @Override
    public void put(LegalHold hold) {
        store.write(() -> {
            if (store.findById(hold.userId()).isEmpty()) {
                throw new IllegalStateException("no user " + hold.userId() + " (the database's foreign key)");
            }
            return holds.put(hold.userId(), hold);
        });
    }

    @Override
    public Optional<LegalHold> find(UserId userId) {
        return store.read(() -> Optional.ofNullable(holds.get(userId)));
    }

    @Override
    public boolean remove(UserId userId) {
        return store.write(() -> holds.remove(userId) != null);
    }
}
