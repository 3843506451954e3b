package dev.roster.application.model.erasure;

import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.model.users.UserView;
import dev.roster.domain.user.OwnedFile;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything Roster holds about one person (GDPR Art. 15 access, Art. 20 portability): the profile with every
 * catalogued field, files, the audit events about the user, and a statement of why and how long data is kept.
 */
public record DataPackage(Instant generatedAt, UserView profile, List<OwnedFile> files, List<StoredAuditEvent> auditEvents,
                          List<Purpose> purposes, String retention) {
    public DataPackage {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(profile, "profile");
        files = List.copyOf(files);
        auditEvents = List.copyOf(auditEvents);
        purposes = List.copyOf(purposes);
    }

    /** Why a personal field is held. */
    public record Purpose(String field, String purpose) {
    }
}
