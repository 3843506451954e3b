package dev.roster.application.port.out.audit;

import dev.roster.application.model.audit.AuditEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The hash chain: each event's hash is SHA-256 over the previous hash and the event's canonical content (sequence,
 * time, actor, client, action, target, details). Changing, removing or reordering any stored event breaks every
 * hash from there on. Shared by the adapters that store events and by the verification.
 */
public final class AuditChain {
    /** The "previous hash" of the first event. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(long sequence, String previousHash, AuditEvent event) {
        StringBuilder content = new StringBuilder()
                .append(previousHash).append('\n')
                .append(sequence).append('\n')
                .append(event.occurredAt()).append('\n')
                .append(event.actor().userId().map(Object::toString).orElse("-")).append('\n')
                .append(event.actor().clientAddress().orElse("-")).append('\n')
                .append(event.action().wireName()).append('\n')
                .append(event.target().map(Object::toString).orElse("-")).append('\n');
        for (Map.Entry<String, String> detail : event.details().entrySet()) {
            content.append(escape(detail.getKey())).append('=').append(escape(detail.getValue())).append('\n');
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("=", "\\=");
    }
}
