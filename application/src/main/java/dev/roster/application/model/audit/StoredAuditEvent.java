package dev.roster.application.model.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * An audit event with its place in the chain. The chain hashes {@code addressCommitment}'s digest, not the event's
 * client address (ADR 0022): the address and the commitment's salt are cleared together and the hash still holds.
 * An event without a client address (the system acting) has no commitment.
 */
public record StoredAuditEvent(long sequence, AuditEvent event, String previousHash, String hash,
                               Optional<AddressCommitment> addressCommitment) {
    public StoredAuditEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(addressCommitment, "addressCommitment");
    }

    /** The digest the chain hashed for the client address, if the event had one. */
    public Optional<String> addressDigest() {
        return addressCommitment.map(AddressCommitment::digest);
    }
}
