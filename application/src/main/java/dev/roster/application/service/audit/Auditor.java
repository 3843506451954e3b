package dev.roster.application.service.audit;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.model.events.ChangeEvent;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.application.port.out.common.CurrentActor;
import dev.roster.application.port.out.events.ChangeEventLog;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the services use to write the audit trail and the change feed: stamps each audit event with the time and the
 * current actor, and each change event with an id and the time. Call it inside the transaction of the change it
 * records. Neither holds personal data: field names, counts, roles, statuses.
 */
public final class Auditor {
    private final AuditLog log;
    private final ChangeEventLog changes;
    private final CurrentActor actor;
    private final Clock clock;

    public Auditor(AuditLog log, ChangeEventLog changes, CurrentActor actor, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.changes = Objects.requireNonNull(changes, "changes");
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

    /**
     * Clears the client addresses the user left in the audit trail as actor (and of failed logins aimed at it): part
     * of erasing the user, in the erasure's transaction (ADR 0022). The chain keeps verifying.
     */
    public void clearClientAddressesOf(UserId user) {
        log.clearClientAddressesOf(user);
    }

    /**
     * Publishes a committed change to the user on the change feed (in the change's transaction): the user's status and
     * roles after the change, and {@code extra} (field names, counts; never values of personal fields).
     */
    public void publish(ChangeType type, User user, Map<String, Object> extra) {
        changes.append(changeEvent(type, user, extra));
    }

    public void publish(ChangeType type, User user) {
        publish(type, user, Map.of());
    }

    /** A {@code user.updated} event naming the fields that changed. */
    public void publishUpdate(User user, java.util.Collection<String> changedFields) {
        publish(ChangeType.USER_UPDATED, user, Map.of("changed", changedFields.stream().sorted().toList()));
    }

    /**
     * Publishes a change about something of the user's other than the user itself (a privacy request): {@code data}
     * holds ids, types and statuses only, never a text a person wrote.
     */
    public void publishAbout(ChangeType type, UserId userId, Map<String, Object> data) {
        changes.append(new ChangeEvent(UUID.randomUUID(), type, now(), userId, data));
    }

    /** For a user that no longer exists (purged): only the id is left to tell. */
    public void publishPurged(UserId id) {
        changes.append(new ChangeEvent(UUID.randomUUID(), ChangeType.USER_PURGED, now(), id, Map.of()));
    }

    /** One {@code user.created} per user, in this order, for a batch written at once (an import). */
    public void publishCreated(List<User> users) {
        changes.appendAll(users.stream().map(user -> changeEvent(ChangeType.USER_CREATED, user, Map.of())).toList());
    }

    private ChangeEvent changeEvent(ChangeType type, User user, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", user.status().name());
        data.put("roles", user.roles().stream().map(Enum::name).sorted().toList());
        data.putAll(extra);
        return new ChangeEvent(UUID.randomUUID(), type, now(), user.id(), data);
    }

    /** Microseconds: what the databases store, so that the hash of a stored event can be recomputed exactly. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public Actor currentActor() {
        return actor.current();
    }
}
