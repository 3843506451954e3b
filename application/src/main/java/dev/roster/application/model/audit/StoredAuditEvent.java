package dev.roster.application.model.audit;

import java.util.Objects;

/** An audit event with its place in the chain. */
public record StoredAuditEvent(long sequence, AuditEvent event, String previousHash, String hash) {
    public StoredAuditEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
