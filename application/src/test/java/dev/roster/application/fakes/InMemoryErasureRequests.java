package dev.roster.application.fakes;

import dev.roster.application.model.recipients.ConfirmationCounts;
import dev.roster.application.model.recipients.ErasedReceipt;
import dev.roster.application.model.recipients.ErasureRequest;
import dev.roster.application.model.webhooks.DeliveryStatus;
import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.port.out.recipients.ErasureRequests;
import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link ErasureRequests} in memory, rolled back with the store's transactions, with the fake deliveries for the
 * delivery status. What the JDBC adapter reads from other tables is given by the test: {@link #issued} stands in for
 * {@code erasure_receipts} (backfills) and {@link #awaiting} for a {@code user.anonymized} event not yet placed.
 */
public final class InMemoryErasureRequests implements ErasureRequests {
    private final InMemoryUserStore store;
    private final InMemoryWebhookDeliveries deliveries;
    // Guarded by the store's lock.
    private List<ErasureRequest> requests = new ArrayList<>();
    private final List<ErasedReceipt> issued = new ArrayList<>();
    private final Set<UUID> awaiting = new HashSet<>();
    private int holds;

    public InMemoryErasureRequests(InMemoryUserStore store, InMemoryWebhookDeliveries deliveries) {
        this.store = Objects.requireNonNull(store, "store");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        store.enlist(() -> {
            List<ErasureRequest> saved = List.copyOf(requests);
            return () -> requests = new ArrayList<>(saved);
        });
    }

    /** A receipt as {@code erasure_receipts} holds it, for {@link #unrequested} and {@link #failedSince}. */
    public synchronized void issued(ErasedReceipt receipt) {
        issued.add(receipt);
    }

    /** Whether the receipt's change event waits for the sequencer (then its requests are not made yet). */
    public synchronized void awaiting(UUID receiptId, boolean waiting) {
        if (waiting) {
            awaiting.add(receiptId);
        } else {
            awaiting.remove(receiptId);
        }
    }

    /** How often a service held off the sequencer. */
    public synchronized int holds() {
        return holds;
    }

    public List<ErasureRequest> all() {
        return store.read(() -> List.copyOf(requests));
    }

    @Override
    public void add(ErasureRequest request) {
        store.write(() -> {
            if (exists(request.receiptId(), request.recipientId())) {
                throw new IllegalStateException("one request per receipt and recipient (the primary key)");
            }
            return requests.add(request);
        });
    }

    @Override
    public boolean exists(UUID receiptId, UUID recipientId) {
        return store.read(() -> requests.stream().anyMatch(r -> r.receiptId().equals(receiptId) && r.recipientId().equals(recipientId)));
    }

    @Override
    public boolean confirm(ErasureRequest confirmed) {
        return store.write(() -> {
            for (int i = 0; i < requests.size(); i++) {
                ErasureRequest current = requests.get(i);
                if (current.receiptId().equals(confirmed.receiptId()) && current.recipientId().equals(confirmed.recipientId())
                        && !current.confirmed()) {
                    requests.set(i, confirmed);
                    return true;
                }
            }
            return false;
        });
    }

    @Override
    public List<Tracked> ofReceipt(UUID receiptId) {
        return store.read(() -> requests.stream().filter(r -> r.receiptId().equals(receiptId))
                .sorted(Comparator.comparing(ErasureRequest::requestedAt).thenComparing(r -> r.recipientId().toString()))
                .map(r -> new Tracked(r, delivery(r).map(WebhookDelivery::status)))
                .toList());
    }

    private Optional<WebhookDelivery> delivery(ErasureRequest request) {
        return deliveries.find(request.recipientId(), request.deliveryId());
    }

    @Override
    public List<ErasureRequest> of(UUID recipientId, UserId userId) {
        return store.read(() -> requests.stream().filter(r -> r.recipientId().equals(recipientId) && r.userId().equals(userId))
                .sorted(Comparator.comparing(ErasureRequest::requestedAt)).toList());
    }

    @Override
    public long outstanding(UUID receiptId) {
        return store.read(() -> requests.stream().filter(r -> r.receiptId().equals(receiptId) && !r.confirmed()).count());
    }

    @Override
    public Set<UUID> removeOutstanding(UUID recipientId) {
        return store.write(() -> {
            Set<UUID> receipts = new LinkedHashSet<>();
            requests.removeIf(r -> {
                boolean withdrawn = r.recipientId().equals(recipientId) && !r.confirmed();
                if (withdrawn) {
                    receipts.add(r.receiptId());
                }
                return withdrawn;
            });
            return receipts;
        });
    }

    @Override
    public synchronized List<ErasedReceipt> unrequested(UUID recipientId, Instant since, int limit) {
        return issued.stream().filter(e -> !e.erasedAt().isBefore(since)).filter(e -> !exists(e.receiptId(), recipientId))
                .sorted(Comparator.comparing(ErasedReceipt::erasedAt)).limit(limit).toList();
    }

    @Override
    public synchronized List<ErasureRequest> failedSince(UUID recipientId, Instant since) {
        Set<UUID> receipts = new HashSet<>();
        issued.stream().filter(e -> !e.erasedAt().isBefore(since)).forEach(e -> receipts.add(e.receiptId()));
        return store.read(() -> requests.stream().filter(r -> r.recipientId().equals(recipientId) && !r.confirmed())
                .filter(r -> receipts.contains(r.receiptId()))
                .filter(r -> delivery(r).map(d -> d.status() == DeliveryStatus.FAILED).orElse(false)).toList());
    }

    @Override
    public ConfirmationCounts counts(Instant overdueBefore) {
        return store.read(() -> {
            long pending = 0;
            long overdue = 0;
            long failed = 0;
            for (ErasureRequest request : requests) {
                if (request.confirmed()) {
                    continue;
                }
                if (delivery(request).map(d -> d.status() == DeliveryStatus.FAILED).orElse(false)) {
                    failed++;
                } else {
                    pending++;
                }
                if (request.requestedAt().isBefore(overdueBefore)) {
                    overdue++;
                }
            }
            return new ConfirmationCounts(pending, overdue, failed);
        });
    }

    @Override
    public synchronized boolean awaitingRequests(UUID receiptId, UserId userId) {
        return awaiting.contains(receiptId);
    }

    @Override
    public synchronized void holdRequesting() {
        holds++;
    }
}
