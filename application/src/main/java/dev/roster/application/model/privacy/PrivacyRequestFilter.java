package dev.roster.application.model.privacy;

import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which privacy requests a list wants; every part is optional (an empty set: any) and parts combine with AND.
 *
 * @param statuses  the statuses wanted
 * @param types     the types wanted
 * @param userId    requests of this user
 * @param overdueAt only requests open and past their due date at this instant
 * @param dueBefore only requests due before this instant (exclusive)
 */
public record PrivacyRequestFilter(Set<PrivacyRequestStatus> statuses, Set<PrivacyRequestType> types, Optional<UserId> userId,
                                   Optional<Instant> overdueAt, Optional<Instant> dueBefore) {
    public PrivacyRequestFilter {
        statuses = Set.copyOf(statuses);
        types = Set.copyOf(types);
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(overdueAt, "overdueAt");
        Objects.requireNonNull(dueBefore, "dueBefore");
    }

    public static PrivacyRequestFilter all() {
        return new PrivacyRequestFilter(Set.of(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static PrivacyRequestFilter of(UserId userId) {
        return new PrivacyRequestFilter(Set.of(), Set.of(), Optional.of(userId), Optional.empty(), Optional.empty());
    }

    public boolean matches(PrivacyRequest request) {
        return (statuses.isEmpty() || statuses.contains(request.status()))
                && (types.isEmpty() || types.contains(request.type()))
                && userId.map(request.userId()::equals).orElse(true)
                && overdueAt.map(request::isOverdue).orElse(true)
                && dueBefore.map(request.dueAt()::isBefore).orElse(true);
    }
}
