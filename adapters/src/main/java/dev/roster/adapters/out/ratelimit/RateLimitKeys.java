package dev.roster.adapters.out.ratelimit;

import dev.roster.application.port.out.access.RateLimitedAction;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secrets that key rate limits, derived (HMAC-SHA256) from {@code roster.security.jwt-secret}, the one secret every
 * instance already shares, so that instances agree on every key and nothing in the shared store can be matched to an
 * email or a client address without it (ADR 0023). Without that setting (development) the secret is random and the
 * limits of this process are its own.
 */
@Singleton
public final class RateLimitKeys {
    private final byte[] emailDigestSalt;
    private final byte[] bucketKey;
    private final boolean shared;
    private final ThreadLocal<Mac> buckets;

    RateLimitKeys(@Value("${roster.security.jwt-secret:}") String jwtSecret) {
        this.shared = jwtSecret != null && !jwtSecret.isBlank();
        byte[] master = new byte[32];
        if (shared) {
            master = jwtSecret.getBytes(StandardCharsets.UTF_8);
        } else {
            new SecureRandom().nextBytes(master);
        }
        this.emailDigestSalt = hmac(master, "roster rate limits: email digest salt");
        this.bucketKey = hmac(master, "roster rate limits: shared store buckets");
        this.buckets = ThreadLocal.withInitial(() -> mac(bucketKey));
    }

    /** The salt of the email digests that key the login limits (AuthenticationService). */
    public byte[] emailDigestSalt() {
        return emailDigestSalt.clone();
    }

    /** Whether the keys come from configuration (the same on every instance) rather than from this process. */
    boolean shared() {
        return shared;
    }

    /** The row key of (action, caller key) in the shared store: 64 hex digits, keyed, so never reversible by trying. */
    String bucket(RateLimitedAction action, String callerKey) {
        Mac mac = buckets.get();
        mac.update(action.name().getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '|');
        return HexFormat.of().formatHex(mac.doFinal(callerKey.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, String label) {
        return mac(key).doFinal(label.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }
}
