package dev.roster.application.port.in.audit;

/** Reads the audit trail, filtered, in sequence order. */
public interface ListAuditEventsUseCase {
    AuditEventPage list(ListAuditEventsQuery query);
}
