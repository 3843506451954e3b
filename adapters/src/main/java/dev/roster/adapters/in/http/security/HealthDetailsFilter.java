package dev.roster.adapters.in.http.security;

import dev.roster.domain.user.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.security.authentication.Authentication;

import java.util.Collection;
import java.util.Set;

/**
 * {@code /health} details (the JDBC URL, the database's version, disk space) are for operators: only a caller whose
 * token carries ADMIN or AUDITOR sees them; everyone else, signed in or not, gets the status alone. Tokens die when
 * their user loses a role (ADR 0016), so a token's roles are never more than the user holds now.
 */
@ServerFilter("/health/**")
final class HealthDetailsFilter {
    private static final Set<String> OPERATORS = Set.of(Role.ADMIN.name(), Role.AUDITOR.name());

    @ResponseFilter
    void hideDetails(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.body() instanceof HealthResult health && health.getDetails() != null && !isOperator(request)) {
            response.body(HealthResult.builder(health.getName(), health.getStatus()).build());
        }
    }

    private static boolean isOperator(HttpRequest<?> request) {
        Collection<String> roles = request.getUserPrincipal(Authentication.class).map(Authentication::getRoles).orElse(Set.of());
        return roles.stream().anyMatch(OPERATORS::contains);
    }
}
