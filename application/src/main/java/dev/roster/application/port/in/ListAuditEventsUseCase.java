package dev.roster.application.port.in;

/** Reads the audit trail, filtered, in sequence order. */
public interface ListAuditEventsUseCase {
    AuditEventPage list(ListAuditEventsQuery query);
}
