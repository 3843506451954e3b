package dev.roster.adapters.out.persistence.jdbc.accounts;

import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import dev.roster.application.model.accounts.Scope;
import dev.roster.application.model.accounts.ServiceAccount;
import dev.roster.application.port.out.accounts.ServiceAccountRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@link ServiceAccountRepository} in {@code service_accounts}; scopes are one space-separated column. */
@Singleton
final class JdbcServiceAccountRepository implements ServiceAccountRepository {
    private static final String COLUMNS = "id, name, scopes, created_at, key_issued_at, last_used_at, revoked_at";

    private final JdbcOperations jdbc;

    JdbcServiceAccountRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(ServiceAccount account, String keyHash) {
        jdbc.prepareStatement("INSERT INTO service_accounts (" + COLUMNS + ", key_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                    statement.setObject(1, account.id());
                    statement.setString(2, account.name());
                    statement.setString(3, scopesColumn(account.scopes()));
                    statement.setObject(4, SqlTimestamps.of(account.createdAt()));
                    statement.setObject(5, SqlTimestamps.of(account.keyIssuedAt()));
                    statement.setObject(6, SqlTimestamps.of(account.lastUsedAt().orElse(null)));
                    statement.setObject(7, SqlTimestamps.of(account.revokedAt().orElse(null)));
                    statement.setString(8, keyHash);
                    return statement.executeUpdate();
                });
    }

    @Override
    public Optional<ServiceAccount> findById(UUID id) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM service_accounts WHERE id = ?", statement -> {
            statement.setObject(1, id);
            return single(statement.executeQuery());
        });
    }

    @Override
    public Optional<ServiceAccount> findByKeyHash(String keyHash) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM service_accounts WHERE key_hash = ?", statement -> {
            statement.setString(1, keyHash);
            return single(statement.executeQuery());
        });
    }

    @Override
    public List<ServiceAccount> list() {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM service_accounts ORDER BY created_at, id", statement -> {
            List<ServiceAccount> accounts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    accounts.add(account(rows));
                }
            }
            return accounts;
        });
    }

    @Override
    public boolean revoke(UUID id, Instant at) {
        return jdbc.prepareStatement("UPDATE service_accounts SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                statement -> {
                    statement.setObject(1, SqlTimestamps.of(at));
                    statement.setObject(2, id);
                    return statement.executeUpdate() > 0;
                });
    }

    @Override
    public boolean replaceKey(UUID id, String keyHash, Instant issuedAt) {
        return jdbc.prepareStatement("UPDATE service_accounts SET key_hash = ?, key_issued_at = ? "
                + "WHERE id = ? AND revoked_at IS NULL", statement -> {
            statement.setString(1, keyHash);
            statement.setObject(2, SqlTimestamps.of(issuedAt));
            statement.setObject(3, id);
            return statement.executeUpdate() > 0;
        });
    }

    @Override
    public void recordUse(UUID id, Instant at, Instant unlessUsedAfter) {
        jdbc.prepareStatement("UPDATE service_accounts SET last_used_at = ? "
                + "WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)", statement -> {
            statement.setObject(1, SqlTimestamps.of(at));
            statement.setObject(2, id);
            statement.setObject(3, SqlTimestamps.of(unlessUsedAfter));
            return statement.executeUpdate();
        });
    }

    private static Optional<ServiceAccount> single(ResultSet rows) throws SQLException {
        try (rows) {
            return rows.next() ? Optional.of(account(rows)) : Optional.empty();
        }
    }

    private static ServiceAccount account(ResultSet row) throws SQLException {
        return new ServiceAccount(row.getObject(1, UUID.class), row.getString(2), scopes(row.getString(3)),
                instant(row, 4).orElseThrow(), instant(row, 5).orElseThrow(), instant(row, 6), instant(row, 7));
    }

    private static Optional<Instant> instant(ResultSet row, int column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static String scopesColumn(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wireName).sorted().collect(Collectors.joining(" "));
    }

    /** Names this version does not know are skipped: an account never gets more than the scopes it can name. */
    private static Set<Scope> scopes(String column) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(column.split(" ")).map(Scope::fromWireName).flatMap(Optional::stream).forEach(scopes::add);
        return scopes;
    }
}
