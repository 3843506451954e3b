package dev.roster.application.model.access;

import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserId;

import java.util.Set;

/**
 * Who a request acts as: an ACTIVE user, the roles it holds now, and the generation of its sessions (a token is
 * accepted only if it was issued in this generation; see {@link dev.roster.domain.user.User#sessionGeneration()}).
 */
public record Principal(UserId id, Set<Role> roles, long sessionGeneration) {
    public Principal {
        roles = Set.copyOf(roles);
    }

    public boolean hasAnyOf(Set<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** Whether a token issued in {@code generation} still speaks for this user. */
    public boolean acceptsTokenOf(long generation) {
        return generation == sessionGeneration;
    }
}
