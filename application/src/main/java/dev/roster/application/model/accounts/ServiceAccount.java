package dev.roster.application.model.accounts;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A non-human caller (a feed consumer, a metrics scraper) as stored, without its key: a name for people, the scopes
 * its key may use, when it was created, when its current key was issued, when a key of it was last used (recorded at
 * most about once a minute) and when it was revoked. A revoked account stays listed, for the record, but its key is
 * dead.
 */
public record ServiceAccount(UUID id, String name, Set<Scope> scopes, Instant createdAt, Instant keyIssuedAt,
                             Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
    public ServiceAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(keyIssuedAt, "keyIssuedAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    /** Whether its key still works. */
    public boolean isActive() {
        return revokedAt.isEmpty();
    }

    public boolean allows(Scope scope) {
        return isActive() && scopes.contains(scope);
    }

    public ServiceAccount revoked(Instant at) {
        return new ServiceAccount(id, name, scopes, createdAt, keyIssuedAt, lastUsedAt, Optional.of(at));
    }

    public ServiceAccount withKeyIssuedAt(Instant at) {
        return new ServiceAccount(id, name, scopes, createdAt, at, lastUsedAt, revokedAt);
    }

    public ServiceAccount usedAt(Instant at) {
        return new ServiceAccount(id, name, scopes, createdAt, keyIssuedAt, Optional.of(at), revokedAt);
    }
}
