package dev.roster.application.fakes;

import dev.roster.application.model.privacy.PrivacyRequest;
import dev.roster.application.model.privacy.PrivacyRequestCounts;
import dev.roster.application.model.privacy.PrivacyRequestCursor;
import dev.roster.application.model.privacy.PrivacyRequestFilter;
import dev.roster.application.model.privacy.PrivacyRequestType;
import dev.roster.application.model.privacy.StoredDataPackage;
import dev.roster.application.port.out.erasure.StoredDataPackages;
import dev.roster.application.port.out.privacy.PrivacyRequests;
import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link PrivacyRequests} and {@link StoredDataPackages} in memory, rolled back with the store's transactions. Like
 * the tables, a request names its user without a foreign key, and a package belongs to one stored request. The
 * store's transactions are serialized, so {@link #lock} needs no lock of its own.
 */
public final class InMemoryPrivacyRequests implements PrivacyRequests, StoredDataPackages {
    /** The databases' order of UUIDs: unsigned, most significant half first. */
    static final Comparator<UUID> UUID_ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };
    private static final Comparator<PrivacyRequest> QUEUE_ORDER =
            Comparator.comparing(PrivacyRequest::dueAt).thenComparing(PrivacyRequest::id, UUID_ORDER);

    private final InMemoryUserStore store;
    // Guarded by the store's lock.
    private Map<UUID, PrivacyRequest> requests = new LinkedHashMap<>();
    private Map<UUID, StoredDataPackage> packages = new HashMap<>();

    public InMemoryPrivacyRequests(InMemoryUserStore store) {
        this.store = Objects.requireNonNull(store, "store");
        store.enlist(() -> {
            Map<UUID, PrivacyRequest> savedRequests = new LinkedHashMap<>(requests);
            Map<UUID, StoredDataPackage> savedPackages = new HashMap<>(packages);
            return () -> {
                requests = new LinkedHashMap<>(savedRequests);
                packages = new HashMap<>(savedPackages);
            };
        });
    }

    @Override
    public void add(PrivacyRequest request) {
        store.write(() -> {
            if (requests.containsKey(request.id())) {
                throw new IllegalStateException("a request with this id exists (the database's primary key)");
            }
            return requests.put(request.id(), request);
        });
    }

    @Override
    public void update(PrivacyRequest request) {
        store.write(() -> {
            PrivacyRequest stored = requests.get(request.id());
            if (stored == null) {
                throw new IllegalStateException("no request " + request.id());
            }
            if (!request.history().subList(0, Math.min(stored.history().size(), request.history().size())).equals(stored.history())
                    || request.history().size() < stored.history().size()) {
                throw new IllegalStateException("a request's history only grows");
            }
            return requests.put(request.id(), request);
        });
    }

    @Override
    public Optional<PrivacyRequest> find(UUID id) {
        return store.read(() -> Optional.ofNullable(requests.get(id)));
    }

    @Override
    public Optional<PrivacyRequest> lock(UUID id) {
        return find(id);
    }

    @Override
    public List<PrivacyRequest> list(PrivacyRequestFilter filter, Optional<PrivacyRequestCursor> after, int limit) {
        return store.read(() -> requests.values().stream()
                .filter(filter::matches)
                .filter(request -> after.map(cursor -> isAfter(request, cursor)).orElse(true))
                .sorted(QUEUE_ORDER)
                .limit(limit)
                .toList());
    }

    private static boolean isAfter(PrivacyRequest request, PrivacyRequestCursor cursor) {
        int byDue = request.dueAt().compareTo(cursor.dueAt());
        return byDue > 0 || byDue == 0 && UUID_ORDER.compare(request.id(), cursor.id()) > 0;
    }

    @Override
    public Optional<UUID> findOpen(UserId userId, PrivacyRequestType type) {
        return store.read(() -> requests.values().stream()
                .filter(request -> request.userId().equals(userId) && request.type() == type && request.isOpen())
                .map(PrivacyRequest::id)
                .findFirst());
    }

    @Override
    public PrivacyRequestCounts count(Instant now) {
        return store.read(() -> {
            Map<PrivacyRequestType, Long> open = new EnumMap<>(PrivacyRequestType.class);
            Map<PrivacyRequestType, Long> overdue = new EnumMap<>(PrivacyRequestType.class);
            for (PrivacyRequest request : requests.values()) {
                if (request.isOpen()) {
                    open.merge(request.type(), 1L, Long::sum);
                }
                if (request.isOverdue(now)) {
                    overdue.merge(request.type(), 1L, Long::sum);
                }
            }
            return new PrivacyRequestCounts(open, overdue);
        });
    }

    @Override
    public void attachPackage(StoredDataPackage dataPackage) {
        store.write(() -> {
            if (!requests.containsKey(dataPackage.requestId())) {
                throw new IllegalStateException("no request " + dataPackage.requestId() + " (the database's foreign key)");
            }
            if (packages.containsKey(dataPackage.requestId())) {
                throw new IllegalStateException("the request has a package already (the database's primary key)");
            }
            return packages.put(dataPackage.requestId(), dataPackage);
        });
    }

    @Override
    public Optional<StoredDataPackage> findPackage(UUID requestId) {
        return store.read(() -> Optional.ofNullable(packages.get(requestId)));
    }

    @Override
    public long countOf(UserId userId) {
        return store.read(() -> packages.values().stream().filter(stored -> stored.userId().equals(userId)).count());
    }

    @Override
    public long deleteAllOf(UserId userId) {
        return store.write(() -> {
            long before = packages.size();
            packages.values().removeIf(stored -> stored.userId().equals(userId));
            return before - packages.size();
        });
    }
}
