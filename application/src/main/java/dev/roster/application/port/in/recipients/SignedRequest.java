package dev.roster.application.port.in.recipients;

import java.util.Objects;
import java.util.Optional;

/**
 * A request as a recipient signed it, Standard Webhooks style: the {@code webhook-id}, {@code webhook-timestamp} and
 * {@code webhook-signature} headers as sent (each perhaps missing), and the body's bytes as received.
 */
public record SignedRequest(Optional<String> id, Optional<String> timestamp, Optional<String> signature, byte[] body) {
    public SignedRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(signature, "signature");
        body = Objects.requireNonNull(body, "body").clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "SignedRequest[" + body.length + " bytes]";
    }
}
