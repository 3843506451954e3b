package dev.roster.application.fakes;

import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.port.out.erasure.ErasureReceiptRepository;
import dev.roster.domain.user.UserId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ErasureReceiptRepository} in memory, rolled back with the store's transactions. Like {@code erasure_receipts},
 * a receipt's id and its user are each unique, and a receipt names no stored user (it outlives a purge).
 */
public final class InMemoryErasureReceiptRepository implements ErasureReceiptRepository {
    private final InMemoryUserStore store;
    // Guarded by the store's lock.
    private List<ErasureReceipt> receipts = new ArrayList<>();

    public InMemoryErasureReceiptRepository(InMemoryUserStore store) {
        this.store = Objects.requireNonNull(store, "store");
        store.enlist(() -> {
            List<ErasureReceipt> saved = List.copyOf(receipts);
            return () -> receipts = new ArrayList<>(saved);
        });
    }

    @Override
    public void add(ErasureReceipt receipt) {
        store.write(() -> {
            if (receipts.stream().anyMatch(existing -> existing.userId().equals(receipt.userId()))) {
                throw new IllegalStateException("a receipt for this user exists (the database's unique key)");
            }
            if (receipts.stream().anyMatch(existing -> existing.id().equals(receipt.id()))) {
                throw new IllegalStateException("a receipt with this id exists (the database's primary key)");
            }
            return receipts.add(receipt);
        });
    }

    @Override
    public Optional<ErasureReceipt> findById(UUID id) {
        return store.read(() -> receipts.stream().filter(receipt -> receipt.id().equals(id)).findFirst());
    }

    @Override
    public Optional<ErasureReceipt> findByUser(UserId userId) {
        return store.read(() -> receipts.stream().filter(receipt -> receipt.userId().equals(userId)).findFirst());
    }

    /** In the databases' order of UUIDs: unsigned, most significant half first (not {@link UUID#compareTo}). */
    @Override
    public List<ErasureReceipt> page(Optional<UUID> after, int limit) {
        Comparator<UUID> unsigned = InMemoryErasureReceiptRepository::compareUnsigned;
        return store.read(() -> receipts.stream()
                .filter(receipt -> after.map(last -> unsigned.compare(receipt.id(), last) > 0).orElse(true))
                .sorted(Comparator.comparing(ErasureReceipt::id, unsigned))
                .limit(limit)
                .toList());
    }

    @Override
    public boolean removeOfUser(UserId userId) {
        return store.write(() -> receipts.removeIf(receipt -> receipt.userId().equals(userId)));
    }

    private static int compareUnsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
