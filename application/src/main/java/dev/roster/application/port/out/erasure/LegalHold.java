package dev.roster.application.port.out.erasure;

import dev.roster.domain.user.InvalidUserDataException;
import dev.roster.domain.user.StoredText;
import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A legal hold on a user (GDPR Art. 17(3)): while it stands, erasure and purge are refused. The reason is free text
 * written by an administrator (at most 1000 characters; TAB, LF and CR allowed, other control characters and unpaired
 * surrogates not: {@link StoredText#isMultiLine}) and is kept out of the audit trail.
 */
public record LegalHold(UserId userId, String reason, Instant placedAt, Optional<UserId> placedBy) {
    public static final int MAX_REASON_LENGTH = 1000;

    public LegalHold {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(placedBy, "placedBy");
        if (reason == null || reason.isBlank()) {
            throw new InvalidUserDataException("reason", "is required");
        }
        reason = reason.strip();
        if (!StoredText.isMultiLine(reason)) {
            throw new InvalidUserDataException("reason", StoredText.MULTI_LINE_RULE);
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            throw new InvalidUserDataException("reason", "must be at most " + MAX_REASON_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "LegalHold[userId=" + userId + ", placedAt=" + placedAt + "]";
    }
}
