package dev.roster.application.model.access;

import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserId;

import java.util.Set;

/** Who a request acts as: an ACTIVE user and the roles it holds now. */
public record Principal(UserId id, Set<Role> roles) {
    public Principal {
        roles = Set.copyOf(roles);
    }

    public boolean hasAnyOf(Set<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }
}
