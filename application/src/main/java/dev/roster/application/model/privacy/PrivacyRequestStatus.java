package dev.roster.application.model.privacy;

import java.util.Optional;
import java.util.Set;

/**
 * Where a privacy request stands. RECEIVED: filed, nothing done yet. EXTENDED: the deadline was extended (Art. 12(3)),
 * nothing done yet. IN_PROGRESS: fulfilment has started but waits for something outside Roster; today only an ERASURE
 * whose own erasure is done while downstream services have yet to confirm theirs (the request service's
 * {@code completeErasure} closes it). COMPLETED and REFUSED are final: the request no longer changes.
 */
public enum PrivacyRequestStatus {
    RECEIVED,
    IN_PROGRESS,
    EXTENDED,
    COMPLETED,
    REFUSED;

    /** The statuses of requests that still need an answer: what the open and overdue figures count. */
    public static final Set<PrivacyRequestStatus> OPEN = Set.of(RECEIVED, IN_PROGRESS, EXTENDED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }

    /** The status with this name, case-insensitive; empty for anything else. */
    public static Optional<PrivacyRequestStatus> fromName(String name) {
        for (PrivacyRequestStatus status : values()) {
            if (status.name().equalsIgnoreCase(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
