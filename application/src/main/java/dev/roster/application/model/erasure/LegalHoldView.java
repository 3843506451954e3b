package dev.roster.application.model.erasure;

import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A legal hold as the API shows it: whose, why, since when and by whom (absent when placed by the system). */
public record LegalHoldView(UserId userId, String reason, Instant placedAt, Optional<UserId> placedBy) {
    public LegalHoldView {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(placedBy, "placedBy");
    }

    @Override
    public String toString() {
        return "LegalHoldView[userId=" + userId + ", reason=***]";
    }
}
