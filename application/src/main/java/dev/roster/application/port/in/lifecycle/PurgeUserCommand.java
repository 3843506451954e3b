package dev.roster.application.port.in.lifecycle;

import dev.roster.domain.user.UserId;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Hard delete: remove the user for good; with {@code cascade} its files too, in the same transaction. With
 * {@code expectedVersion} (HTTP {@code If-Match}) only if the user is still at that version.
 */
public record PurgeUserCommand(UserId id, boolean cascade, OptionalLong expectedVersion) {
    public PurgeUserCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
    }

    public PurgeUserCommand(UserId id, boolean cascade) {
        this(id, cascade, OptionalLong.empty());
    }
}
