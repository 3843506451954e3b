package dev.roster.adapters.out.persistence.jdbc.users;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;
import java.util.UUID;

/**
 * Micronaut Data statements over {@code users} and its child tables. Compiled for PostgreSQL; H2 runs in
 * PostgreSQL mode so the same SQL works there (../shared/STACK.md P1).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface UserRowRepository extends GenericRepository<UserRow, UUID> {

    UserRow save(UserRow row);

    Optional<UserRow> findById(UUID id);

    Optional<UserRow> findByEmailCanonical(String emailCanonical);

    @Query("DELETE FROM user_roles WHERE user_id = :userId")
    void deleteRoles(UUID userId);

    @Query("DELETE FROM user_attributes WHERE user_id = :userId")
    void deleteAttributes(UUID userId);
}
