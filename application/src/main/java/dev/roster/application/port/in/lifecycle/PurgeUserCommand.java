package dev.roster.application.port.in.lifecycle;

import dev.roster.domain.user.UserId;

import java.util.Objects;

/** Hard delete: remove the user for good; with {@code cascade} its files too, in the same transaction. */
public record PurgeUserCommand(UserId id, boolean cascade) {
    public PurgeUserCommand {
        Objects.requireNonNull(id, "id");
    }
}
