package dev.roster.domain.user;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** Identity of a user: a time-ordered UUID (version 7), so ids created later sort later in indexes. */
public record UserId(UUID value) {
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the canonical textual form; rejects anything else with an {@link InvalidUserDataException}. */
    public static UserId parse(String text) {
        // UUID.fromString is lenient (signs, short groups); only the canonical 8-4-4-4-12 hex form is an id.
        if (text == null || !CANONICAL.matcher(text).matches()) {
            throw new InvalidUserDataException("id", "must be a UUID");
        }
        return new UserId(UUID.fromString(text));
    }

    /** A new UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. */
    public static UserId newTimeOrdered(Instant now, RandomGenerator random) {
        long millis = now.toEpochMilli();
        long msb = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UserId(new UUID(msb, lsb));
    }

    /** The instant a UUIDv7 id was made for (its 48 bits of Unix milliseconds); empty for an id of another version. */
    public Optional<Instant> timeOrderedAt() {
        return value.version() == 7 ? Optional.of(Instant.ofEpochMilli(value.getMostSignificantBits() >>> 16)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
