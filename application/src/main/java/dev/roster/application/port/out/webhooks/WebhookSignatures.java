package dev.roster.application.port.out.webhooks;

import dev.roster.application.model.webhooks.WebhookSecret;

import java.util.List;

/**
 * Checks a Standard Webhooks signature made by someone else (an erasure recipient's confirmation): the
 * {@code webhook-signature} header holds one or more space-separated {@code v1,<base64>} signatures, and it verifies
 * when one of them is the HMAC-SHA256 of {@code <id>.<timestamp>.<body>} under one of the secrets. Compares in
 * constant time; never throws for a malformed header (it does not verify).
 */
public interface WebhookSignatures {

    boolean verifies(String id, long timestamp, byte[] body, String signatureHeader, List<WebhookSecret> secrets);
}
