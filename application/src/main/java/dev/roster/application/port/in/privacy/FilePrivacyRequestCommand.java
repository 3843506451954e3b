package dev.roster.application.port.in.privacy;

import dev.roster.application.model.privacy.PrivacyRequestType;
import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request filed by staff for a person: its type, the person's user id, when it was received (default: now) and a
 * note (free text, e.g. how it arrived and what exactly was asked).
 */
public record FilePrivacyRequestCommand(PrivacyRequestType type, UserId userId, Optional<Instant> receivedAt,
                                        Optional<String> note) {
    public FilePrivacyRequestCommand {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(note, "note");
    }

    @Override
    public String toString() {
        return "FilePrivacyRequestCommand[type=" + type + ", userId=" + userId + "]";
    }
}
