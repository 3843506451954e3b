package dev.roster.application.port.out.audit;

import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.model.audit.AuditFilter;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The append-only, hash-chained audit trail. {@link #append} must be called inside the transaction of the change it
 * records, so that an event exists exactly when its change committed. Writers do not wait for each other: an
 * appended event is chained after its commit, in commit order, by the {@code EventSequencer} (ADR 0018), and the
 * read methods show chained events only (call {@code EventSequencer.linkPending()} first to see one's own writes).
 * Each stored event carries its sequence number, the hash of the previous event and its own hash ({@link AuditChain}).
 *
 * <p>Append-only but for one thing: client addresses are personal data, so the log keeps each one beside a salted
 * commitment that the chain hashes, and clears the address with its salt when the person it belongs to is erased
 * ({@link #clearClientAddressesOf}) or when it is older than the address retention ({@link #clearClientAddressesBefore});
 * the chain still verifies afterwards (ADR 0022).
 */
public interface AuditLog {

    /** Records the event in the caller's transaction; it is chained onto the end of the trail after commit. */
    void append(AuditEvent event);

    /** Events matching the filter in sequence order, starting after {@code afterSequence}, at most {@code limit}. */
    List<StoredAuditEvent> find(AuditFilter filter, long afterSequence, int limit);

    /**
     * Events matching the filter newest first (descending sequence), starting below {@code beforeSequence}
     * ({@link Long#MAX_VALUE} for the newest), at most {@code limit}.
     */
    List<StoredAuditEvent> findNewestFirst(AuditFilter filter, long beforeSequence, int limit);

    /** Every event with a sequence greater than {@code afterSequence}, in order, at most {@code limit} (for verifying). */
    List<StoredAuditEvent> chainAfter(long afterSequence, int limit);

    /** The newest event, if any. */
    Optional<StoredAuditEvent> last();

    /**
     * Where the chain ends according to the log's own bookkeeping, kept apart from the events: the last sequence
     * appended and its hash ({@code 0} and {@link AuditChain#GENESIS} when empty). Lets a verification notice that
     * the newest events were removed.
     */
    ChainHead head();

    /**
     * Clears the client address, and the salt of its commitment, of every event the user caused as actor, placed or
     * still pending, and of every failed login aimed at the user's account (the address of who typed the password
     * is most likely the user's own). Events committed later by a request of the user still in flight lose their
     * address when they are placed. Call it inside the erasure's transaction; it waits for a placement in progress,
     * so that no event of the user slips past it into the trail. Returns how many events it cleared.
     */
    int clearClientAddressesOf(UserId user);

    /**
     * Clears the client addresses (with their salts) of events that occurred before {@code cutoff}, walking the trail
     * in sequence order from where the previous call stopped and stopping at the first event at or after the cutoff;
     * events still pending are cleared too. Returns how many events it moved past, at most {@code limit}: call again
     * while it returns {@code limit}. Several callers at once take turns; like {@link #clearClientAddressesOf} it waits
     * for a placement in progress.
     */
    int clearClientAddressesBefore(Instant cutoff, int limit);

    /** The end of the chain as the log recorded it. */
    record ChainHead(long lastSequence, String lastHash) {
    }
}
