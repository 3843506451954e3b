package dev.roster.application.model.audit;

import dev.roster.domain.user.UserId;

import java.util.Objects;
import java.util.Optional;

/**
 * Who causes a change: an authenticated user, an anonymous caller (login), or the system itself (start-up,
 * scheduled jobs), and from which client address, when there is a request.
 */
public record Actor(Optional<UserId> userId, Optional<String> clientAddress) {
    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientAddress, "clientAddress");
    }

    public static Actor system() {
        return new Actor(Optional.empty(), Optional.empty());
    }
}
