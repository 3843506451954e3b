package dev.roster.bootstrap.security;

import dev.roster.bootstrap.TestRequests;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** The issuer Roster writes and expects ({@code micronaut.application.name}). */
    static final String ISSUER = "roster";

    /** Claims for a token that is valid for an hour from now, in the subject's first generation of sessions. */
    static String claims(String subject, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return claims(subject, now, now + 3600, roles);
    }

    static String claims(String subject, long issuedAt, long expiresAt, String... roles) {
        return json(validClaims(subject, issuedAt, expiresAt, roles));
    }

    /** Every claim a token Roster issues carries, as an editable map (to leave one out or change it). */
    static Map<String, Object> validClaims(String subject, long issuedAt, long expiresAt, String... roles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("roles", List.of(roles));
        claims.put("iss", ISSUER);
        claims.put("iat", issuedAt);
        claims.put("nbf", issuedAt);
        claims.put("exp", expiresAt);
        claims.put("sgen", 0L);
        return claims;
    }

    /** The JSON object of claims whose values are strings, numbers or lists of strings. */
    static String json(Map<String, Object> claims) {
        StringBuilder json = new StringBuilder("{");
        claims.forEach((name, value) -> {
            json.append(json.length() == 1 ? "" : ",").append(TestRequests.quote(name)).append(':');
            if (value instanceof String text) {
                json.append(TestRequests.quote(text));
            } else if (value instanceof List<?> list) {
                json.append('[');
                for (int i = 0; i < list.size(); i++) {
                    json.append(i == 0 ? "" : ",").append(TestRequests.quote((String) list.get(i)));
                }
                json.append(']');
            } else {
                json.append(value);
            }
        });
        return json.append('}').toString();
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
