package dev.roster.application.model.events;

import dev.roster.domain.user.UserId;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Which change events a reader wants: some types (empty = all) and perhaps one user's only. */
public record EventFilter(Set<ChangeType> types, Optional<UserId> userId) {
    public static final EventFilter ALL = new EventFilter(Set.of(), Optional.empty());

    public EventFilter {
        types = Set.copyOf(Objects.requireNonNull(types, "types"));
        Objects.requireNonNull(userId, "userId");
    }

    public boolean matches(ChangeEvent event) {
        return (types.isEmpty() || types.contains(event.type())) && userId.map(event.userId()::equals).orElse(true);
    }
}
