package dev.roster.application.service.audit;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.application.port.out.common.CurrentActor;
import dev.roster.domain.user.UserId;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the services use to write the audit trail: stamps each event with the time and the current actor. Call it
 * inside the transaction of the change it records. Details are never personal data: field names, counts, roles.
 */
public final class Auditor {
    private final AuditLog log;
    private final CurrentActor actor;
    private final Clock clock;

    public Auditor(AuditLog log, CurrentActor actor, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void record(AuditAction action, UserId target, Map<String, String> details) {
        log.append(AuditEvent.of(now(), actor.current(), action, target, new TreeMap<>(details)));
    }

    /** For events whose actor is not the caller's token (a login acts as the user it logs in). */
    public void record(Actor as, AuditAction action, UserId target, Map<String, String> details) {
        log.append(AuditEvent.of(now(), as, action, target, new TreeMap<>(details)));
    }

    /** Microseconds: what the databases store, so that the hash of a stored event can be recomputed exactly. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public Actor currentActor() {
        return actor.current();
    }
}
