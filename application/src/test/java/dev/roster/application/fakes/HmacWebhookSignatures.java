package dev.roster.application.fakes;

import dev.roster.application.model.webhooks.WebhookSecret;
import dev.roster.application.port.out.webhooks.WebhookSignatures;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * {@link WebhookSignatures} written out for the tests from the Standard Webhooks specification (not the adapter's
 * code): {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}; {@link #sign} makes such signatures.
 */
public final class HmacWebhookSignatures implements WebhookSignatures {

    public static String sign(WebhookSecret secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verifies(String id, long timestamp, byte[] body, String signatureHeader, List<WebhookSecret> secrets) {
        List<String> given = Arrays.asList(signatureHeader.split(" "));
        return secrets.stream().anyMatch(secret -> given.contains(sign(secret, id, timestamp, body)));
    }
}
