package dev.roster.application.port.out.audit;

import dev.roster.application.model.audit.AddressCommitment;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.model.audit.StoredAuditEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The hash chain: each event's hash is SHA-256 over the previous hash and the event's canonical content (sequence,
 * time, actor, the commitment to the client address, action, target, details). Changing, removing or reordering any
 * stored event breaks every hash from there on. The client address itself is not hashed, only its
 * {@link AddressCommitment} (ADR 0022), so that it can be cleared without breaking the chain; while it is stored,
 * {@link #addressProblem} checks it against the commitment. Shared by the adapters that store events and by the
 * verification.
 */
public final class AuditChain {
    /** The "previous hash" of the first event. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /**
     * The hash of an event at {@code sequence} after {@code previousHash}; {@code addressDigest} is the digest of its
     * address commitment (empty when the event had no client address). The event's client address is not read.
     */
    public static String hash(long sequence, String previousHash, AuditEvent event, Optional<String> addressDigest) {
        StringBuilder content = new StringBuilder()
                .append(previousHash).append('\n')
                .append(sequence).append('\n')
                .append(event.occurredAt()).append('\n')
                .append(event.actor().userId().map(Object::toString).orElse("-")).append('\n')
                .append(addressDigest.orElse("-")).append('\n')
                .append(event.action().wireName()).append('\n')
                .append(event.target().map(Object::toString).orElse("-")).append('\n');
        for (Map.Entry<String, String> detail : event.details().entrySet()) {
            content.append(escape(detail.getKey())).append('=').append(escape(detail.getValue())).append('\n');
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** The hash a stored event must have after {@code previousHash}. */
    public static String hash(StoredAuditEvent stored, String previousHash) {
        return hash(stored.sequence(), previousHash, stored.event(), stored.addressDigest());
    }

    /**
     * What is wrong with a stored event's client address, if anything: an address must match its commitment, and it
     * is cleared only together with the commitment's salt. An address added to an event that had none, an edited
     * address, an address whose salt went missing, or a salt left behind by a half clearing (it would let anyone find
     * the address by trying them all) are reported; an address cleared with its salt is not.
     */
    public static Optional<String> addressProblem(StoredAuditEvent stored) {
        Optional<String> address = stored.event().actor().clientAddress();
        Optional<AddressCommitment> commitment = stored.addressCommitment();
        if (address.isPresent()) {
            if (commitment.isEmpty()) {
                return Optional.of("its client address has no commitment");
            }
            if (commitment.get().salt().isEmpty()) {
                return Optional.of("its client address cannot be checked: the salt of its commitment is missing");
            }
            if (!commitment.get().matches(address.get())) {
                return Optional.of("its client address does not match its commitment");
            }
        } else if (commitment.isPresent() && commitment.get().salt().isPresent()) {
            return Optional.of("its client address was cleared but not the salt of its commitment");
        }
        return Optional.empty();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("=", "\\=");
    }
}
