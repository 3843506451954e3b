package dev.roster.application.port.in.audit;

import dev.roster.application.model.audit.StoredAuditEvent;

import java.util.List;
import java.util.Optional;

/** One page of audit events, oldest first; {@code nextCursor} is present when more follow. */
public record AuditEventPage(List<StoredAuditEvent> items, Optional<String> nextCursor) {
    public AuditEventPage {
        items = List.copyOf(items);
    }
}
