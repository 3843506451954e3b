package dev.roster.adapters.out.webhooks;

import dev.roster.application.model.webhooks.WebhookSecret;
import dev.roster.application.port.out.webhooks.WebhookSignatures;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

/**
 * The {@code webhook-signature} header of the Standard Webhooks specification: for each secret, {@code v1,} and the
 * standard base64 of HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the bytes of the
 * secret after {@code whsec_}; several signatures separated by spaces. Made for Roster's deliveries, and checked on
 * erasure recipients' confirmations ({@link WebhookSignatures}).
 */
@Singleton
final class StandardWebhookSignature implements WebhookSignatures {
    private static final int MAX_SIGNATURES = 10;

    static String header(String id, long timestamp, byte[] body, List<WebhookSecret> secrets) {
        StringJoiner header = new StringJoiner(" ");
        for (WebhookSecret secret : secrets) {
            header.add("v1," + sign(id, timestamp, body, secret));
        }
        return header.toString();
    }

    static String sign(String id, long timestamp, byte[] body, WebhookSecret secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public boolean verifies(String id, long timestamp, byte[] body, String signatureHeader, List<WebhookSecret> secrets) {
        String[] parts = signatureHeader.strip().split(" +");
        if (parts.length > MAX_SIGNATURES) {
            return false;
        }
        boolean verified = false;
        for (WebhookSecret secret : secrets) {
            byte[] expected = sign(id, timestamp, body, secret).getBytes(StandardCharsets.US_ASCII);
            for (String part : parts) {
                if (part.startsWith("v1,")) {
                    // constant time, and every pair compared, so that the time does not tell which part matched
                    verified |= MessageDigest.isEqual(expected, part.substring(3).getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
        return verified;
    }
}
