package dev.roster.adapters.out.persistence.jdbc;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** One row of {@code user_roles}: a role a user holds. */
@Introspected
public record UserRoleRow(UUID userId, String role) {
}
