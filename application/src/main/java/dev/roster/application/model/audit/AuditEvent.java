package dev.roster.application.model.audit;

import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One audit event as the application records it. {@code details} must never hold personal data: only field names,
 * counts, roles, reasons chosen from fixed lists.
 */
public record AuditEvent(Instant occurredAt, Actor actor, AuditAction action, Optional<UserId> target,
                         SortedMap<String, String> details) {
    public AuditEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        details = new TreeMap<>(Objects.requireNonNull(details, "details"));
    }

    public static AuditEvent of(Instant at, Actor actor, AuditAction action, UserId target, Map<String, String> details) {
        return new AuditEvent(at, actor, action, Optional.ofNullable(target), new TreeMap<>(details));
    }
}
