package dev.roster.application.model.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * What the hash chain holds of an event's client address instead of the address (ADR 0022): {@code digest} is
 * SHA-256 over a random salt of that one event and the address. The salt is stored beside the address and cleared
 * together with it (erasure of the actor, the address retention); from then on the digest reveals nothing, not even
 * to someone who tries all 2^32 IPv4 addresses, while the chain that hashed it still verifies.
 *
 * @param digest SHA-256 of {@code salt + "\n" + address}, 64 lower-case hex digits; kept for good
 * @param salt   128 random bits as 32 lower-case hex digits; present exactly while the address is
 */
public record AddressCommitment(String digest, Optional<String> salt) {
    /** Bytes of randomness in a salt. */
    public static final int SALT_BYTES = 16;

    public AddressCommitment {
        // no format check: a value edited in the database must reach the verification, which reports it, not fail here
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(salt, "salt");
    }

    /** Commits to {@code address} with a fresh salt drawn from {@code random} (a {@code SecureRandom} in production). */
    public static AddressCommitment seal(String address, Random random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return of(address, HexFormat.of().formatHex(salt));
    }

    /** The commitment to {@code address} under {@code salt} (hex). */
    public static AddressCommitment of(String address, String salt) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(salt, "salt");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((salt + "\n" + address).getBytes(StandardCharsets.UTF_8));
            return new AddressCommitment(HexFormat.of().formatHex(digest), Optional.of(salt));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Whether this commitment was made to {@code address}; false once the salt is cleared (it cannot be told). */
    public boolean matches(String address) {
        return salt.map(value -> of(address, value).digest().equals(digest)).orElse(false);
    }

    /** The commitment as it stays after its address was cleared. */
    public AddressCommitment withoutSalt() {
        return new AddressCommitment(digest, Optional.empty());
    }
}
