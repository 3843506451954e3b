package dev.roster.adapters.in.http.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.RolesFinder;
import io.micronaut.security.token.config.TokenConfiguration;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The roles claim of a token, as strings; entries that are not strings are ignored (the framework's finder fails
 * with an exception on {@code "roles":[1,null]}). Authorization itself uses the roles stored now, not the claim
 * ({@link CurrentUserSecurityRule}).
 */
@Singleton
@Replaces(DefaultRolesFinder.class)
final class TokenRolesFinder implements RolesFinder {
    private final String rolesName;

    TokenRolesFinder(TokenConfiguration configuration) {
        this.rolesName = configuration.getRolesName();
    }

    @Override
    public List<String> resolveRoles(Map<String, Object> attributes) {
        Object claim = attributes == null ? null : attributes.get(rolesName);
        List<String> roles = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                if (value instanceof String role) {
                    roles.add(role);
                }
            }
        } else if (claim instanceof String role) {
            roles.add(role);
        }
        return roles;
    }
}
