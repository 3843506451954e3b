package dev.roster.application.fakes;

import dev.roster.application.model.recipients.ErasureRecipient;
import dev.roster.application.port.out.recipients.ErasureRecipients;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ErasureRecipients} in a map of immutable records. Attached to the fake subscriptions (so that the dispatcher
 * sees them as endpoints) and, through them, to the fake deliveries (removing one removes its deliveries).
 */
public final class InMemoryErasureRecipients implements ErasureRecipients {
    private final Map<UUID, ErasureRecipient> recipients = new ConcurrentHashMap<>();
    private final InMemoryWebhookSubscriptions subscriptions;

    public InMemoryErasureRecipients(InMemoryWebhookSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
        subscriptions.attach(this);
    }

    @Override
    public void add(ErasureRecipient recipient) {
        if (recipients.putIfAbsent(recipient.id(), recipient) != null) {
            throw new IllegalStateException("duplicate recipient id");
        }
    }

    @Override
    public boolean update(ErasureRecipient recipient) {
        return recipients.replace(recipient.id(), recipient) != null;
    }

    @Override
    public boolean remove(UUID id) {
        boolean removed = recipients.remove(id) != null;
        if (removed && subscriptions.deliveries() != null) {
            subscriptions.deliveries().removeAllOf(id);
        }
        return removed;
    }

    @Override
    public Optional<ErasureRecipient> find(UUID id) {
        return Optional.ofNullable(recipients.get(id));
    }

    @Override
    public List<ErasureRecipient> list() {
        return recipients.values().stream()
                .sorted(Comparator.comparing(ErasureRecipient::createdAt).thenComparing(r -> r.id().toString()))
                .toList();
    }

    boolean deactivateGone(UUID id, Instant now) {
        ErasureRecipient recipient = recipients.get(id);
        if (recipient == null || !recipient.active()) {
            return false;
        }
        recipients.put(id, new ErasureRecipient(id, recipient.name(), recipient.url(), false, Optional.of("gone"),
                recipient.secrets(), recipient.createdAt(), now));
        return true;
    }
}
