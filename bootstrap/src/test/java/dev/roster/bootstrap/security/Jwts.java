package dev.roster.bootstrap.security;

import dev.roster.bootstrap.TestRequests;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Test helper: reads and hand-crafts compact JWTs (header.payload.signature, base64url without padding). */
final class Jwts {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Jwts() {
    }

    /** The decoded JSON of a token's header (first part). */
    static String header(String token) {
        return part(token, 0);
    }

    /** The decoded JSON of a token's payload (middle part). */
    static String payload(String token) {
        return part(token, 1);
    }

    /** A token with {@code alg: none} and an empty signature, as an attacker would write it. */
    static String unsigned(String payloadJson) {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(payloadJson) + ".";
    }

    /** A token signed with HMAC-SHA256 under the given secret. */
    static String signedHs256(String payloadJson, String secret) {
        String signingInput = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(payloadJson);
        return signingInput + "." + ENCODER.encodeToString(hmacSha256(signingInput, secret));
    }

    /** The token with its payload replaced and its original header and signature kept. */
    static String withPayload(String token, String payloadJson) {
        String[] parts = token.split("\\.", -1);
        return parts[0] + "." + encode(payloadJson) + "." + parts[2];
    }

    /** Claims for a token that is valid for an hour from now. */
    static String claims(String subject, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return claims(subject, now, now + 3600, roles);
    }

    static String claims(String subject, long issuedAt, long expiresAt, String... roles) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < roles.length; i++) {
            list.append(i == 0 ? "" : ",").append(TestRequests.quote(roles[i]));
        }
        list.append(']');
        return "{\"sub\":" + TestRequests.quote(subject) + ",\"roles\":" + list + ",\"iat\":" + issuedAt
                + ",\"nbf\":" + issuedAt + ",\"exp\":" + expiresAt + "}";
    }

    private static String part(String token, int index) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS: " + parts.length + " parts");
        }
        return new String(DECODER.decode(parts[index]), StandardCharsets.UTF_8);
    }

    private static String encode(String json) {
        return ENCODER.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmacSha256(String input, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
