package dev.roster.domain.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** Identity of a user: a time-ordered UUID (version 7), so ids created later sort later in indexes. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the canonical textual form; rejects anything else with an {@link InvalidUserDataException}. */
    public static UserId parse(String text) {
        if (text == null || text.length() != 36) {
            throw new InvalidUserDataException("id", "must be a UUID");
        }
        try {
            return new UserId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidUserDataException("id", "must be a UUID");
        }
    }

    /** A new UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. */
    public static UserId newTimeOrdered(Instant now, RandomGenerator random) {
        long millis = now.toEpochMilli();
        long msb = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UserId(new UUID(msb, lsb));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
