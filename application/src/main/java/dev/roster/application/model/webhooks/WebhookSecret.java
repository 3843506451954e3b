package dev.roster.application.model.webhooks;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A signing secret as Standard Webhooks spells it: {@code whsec_} and the standard base64 (with padding) of the key.
 * Roster's keys are 32 random bytes. {@link #toString()} never shows it.
 */
public record WebhookSecret(String value) {
    public static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 32;
    private static final int MIN_KEY_BYTES = 24;

    public WebhookSecret {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is base64 after its prefix");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a webhook secret holds at least " + MIN_KEY_BYTES + " bytes");
        }
    }

    public static WebhookSecret generate(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** The HMAC key: the bytes the base64 after the prefix stands for. */
    public byte[] key() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return "WebhookSecret[***]";
    }
}
