package dev.roster.application.port.out.accounts;

import dev.roster.application.model.accounts.ServiceAccount;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Service accounts and the hashes of their current keys (never the keys). Call every method inside a
 * {@code TransactionBoundary} transaction (reads may be read-only). Instants carry at most microseconds.
 */
public interface ServiceAccountRepository {

    /**
     * Stores a new account with the hash of its key. A second account with the same id or the same key hash is refused
     * with a runtime exception, and nothing is stored.
     */
    void add(ServiceAccount account, String keyHash);

    /** The account with that id, revoked or not. */
    Optional<ServiceAccount> findById(UUID id);

    /** The account whose <em>current</em> key has that hash, revoked or not; empty for a replaced key's hash. */
    Optional<ServiceAccount> findByKeyHash(String keyHash);

    /** Every account, revoked ones included, oldest first (ties by id, as the database orders UUIDs). */
    List<ServiceAccount> list();

    /** Marks an active account revoked at {@code at}; false (and no change) when it is unknown or already revoked. */
    boolean revoke(UUID id, Instant at);

    /**
     * Replaces an active account's key hash and sets when the key was issued; false (and no change) when it is unknown
     * or revoked. The replaced hash is found no more.
     */
    boolean replaceKey(UUID id, String keyHash, Instant issuedAt);

    /**
     * Sets {@code lastUsedAt} to {@code at} unless it is already later than {@code unlessUsedAfter}: concurrent
     * requests of one account write it once. No effect for an unknown id.
     */
    void recordUse(UUID id, Instant at, Instant unlessUsedAfter);
}
