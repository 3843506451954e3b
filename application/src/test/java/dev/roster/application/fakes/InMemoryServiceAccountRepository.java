package dev.roster.application.fakes;

import dev.roster.application.model.accounts.ServiceAccount;
import dev.roster.application.port.out.accounts.ServiceAccountRepository;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ServiceAccountRepository} in memory, rolled back with the store's transactions. Like
 * {@code service_accounts}, ids and key hashes are unique; it keeps immutable records, so a change the service forgets
 * to write is not seen.
 */
public final class InMemoryServiceAccountRepository implements ServiceAccountRepository {
    private static final Comparator<Stored> OLDEST_FIRST = Comparator.comparing((Stored s) -> s.account().createdAt())
            .thenComparing((a, b) -> InMemoryUserQueries.compareUnsigned(a.account().id(), b.account().id()));

    private record Stored(ServiceAccount account, String keyHash) {
    }

    private final InMemoryUserStore store;
    // Guarded by the store's lock.
    private Map<UUID, Stored> accounts = new LinkedHashMap<>();

    public InMemoryServiceAccountRepository(InMemoryUserStore store) {
        this.store = Objects.requireNonNull(store, "store");
        store.enlist(() -> {
            Map<UUID, Stored> saved = new LinkedHashMap<>(accounts);
            return () -> accounts = new LinkedHashMap<>(saved);
        });
    }

    @Override
    public void add(ServiceAccount account, String keyHash) {
        Objects.requireNonNull(keyHash, "keyHash");
        store.write(() -> {
            if (accounts.containsKey(account.id())) {
                throw new IllegalStateException("a service account with this id exists (the primary key)");
            }
            if (accounts.values().stream().anyMatch(s -> s.keyHash().equals(keyHash))) {
                throw new IllegalStateException("a service account with this key hash exists (the unique key)");
            }
            return accounts.put(account.id(), new Stored(account, keyHash));
        });
    }

    @Override
    public Optional<ServiceAccount> findById(UUID id) {
        return store.read(() -> Optional.ofNullable(accounts.get(id)).map(Stored::account));
    }

    @Override
    public Optional<ServiceAccount> findByKeyHash(String keyHash) {
        return store.read(() -> accounts.values().stream().filter(s -> s.keyHash().equals(keyHash)).findFirst()
                .map(Stored::account));
    }

    @Override
    public List<ServiceAccount> list() {
        return store.read(() -> accounts.values().stream().sorted(OLDEST_FIRST).map(Stored::account).toList());
    }

    @Override
    public boolean revoke(UUID id, Instant at) {
        return store.write(() -> {
            Stored stored = accounts.get(id);
            if (stored == null || !stored.account().isActive()) {
                return false;
            }
            accounts.put(id, new Stored(stored.account().revoked(at), stored.keyHash()));
            return true;
        });
    }

    @Override
    public boolean replaceKey(UUID id, String keyHash, Instant issuedAt) {
        Objects.requireNonNull(keyHash, "keyHash");
        return store.write(() -> {
            Stored stored = accounts.get(id);
            if (stored == null || !stored.account().isActive()) {
                return false;
            }
            if (accounts.values().stream().anyMatch(s -> s.keyHash().equals(keyHash))) {
                throw new IllegalStateException("a service account with this key hash exists (the unique key)");
            }
            accounts.put(id, new Stored(stored.account().withKeyIssuedAt(issuedAt), keyHash));
            return true;
        });
    }

    @Override
    public void recordUse(UUID id, Instant at, Instant unlessUsedAfter) {
        store.write(() -> {
            Stored stored = accounts.get(id);
            if (stored != null && stored.account().lastUsedAt().filter(used -> used.isAfter(unlessUsedAfter)).isEmpty()) {
                accounts.put(id, new Stored(stored.account().usedAt(at), stored.keyHash()));
            }
            return null;
        });
    }
}
