package dev.roster.application.model.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A service account's API key: {@value #PREFIX} and 32 random bytes in base64url without padding (43 characters),
 * so a key is recognisable in a configuration file or a leak scanner and cannot be mistaken for a JWT. Only its
 * SHA-256 ({@link #hash()}) is stored; the key itself is shown once. It never prints itself.
 */
public record ApiKey(String value) {
    public static final String PREFIX = "rsk_";
    private static final int RANDOM_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");

    public ApiKey {
        Objects.requireNonNull(value, "value");
    }

    /** A new key from {@code random} (a {@code SecureRandom} in production). */
    public static ApiKey generate(RandomGenerator random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new ApiKey(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Whether a bearer token is meant as an API key (it starts with the prefix), whatever the rest. */
    public static boolean isMeantAsKey(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    /** Whether the key has the shape of one Roster issues; a key of another shape is never looked up. */
    public boolean isWellFormed() {
        return SHAPE.matcher(value).matches();
    }

    /**
     * Lower-case hex SHA-256 of the key's UTF-8 bytes: what is stored and looked up. A fast hash suffices because the
     * key has 256 random bits; nobody can guess keys to match a leaked hash (docs/adr/0017-service-accounts.md).
     */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }
}
