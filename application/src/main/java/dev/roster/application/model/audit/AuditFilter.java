package dev.roster.application.model.audit;

import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.Optional;

/** Which audit events to list; parts combine with AND; {@code from} inclusive, {@code to} exclusive. */
public record AuditFilter(Optional<UserId> userId, Optional<UserId> actorId, Optional<AuditAction> action,
                          Optional<Instant> from, Optional<Instant> to) {
    public static AuditFilter all() {
        return new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
