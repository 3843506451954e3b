package dev.roster.bootstrap.replica;

import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.users.CreateUserCommand;
import dev.roster.application.port.in.users.CreateUserUseCase;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.Email;
import io.micronaut.context.ApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Test helper: a second ordinary PostgreSQL database on the primary's server that stands in for a read replica
 * ({@code <primary database>_replica}, made by the test itself so that CI needs nothing but the primary). It does not
 * replicate: what is written to it is on the "replica" only, which is what makes routing visible. bench/replica.sh
 * runs against a real streaming replica.
 */
final class ReplicaDatabase {
    final String primaryUrl;
    final String url;
    final String username;
    final String password;
    final String name;

    private ReplicaDatabase(String primaryUrl, String username, String password) {
        this.primaryUrl = primaryUrl;
        this.username = username;
        this.password = password == null ? "" : password;
        int slash = primaryUrl.lastIndexOf('/');
        int query = primaryUrl.indexOf('?', slash);
        String primaryName = query < 0 ? primaryUrl.substring(slash + 1) : primaryUrl.substring(slash + 1, query);
        this.name = primaryName + "_replica";
        this.url = primaryUrl.substring(0, slash + 1) + name + (query < 0 ? "" : primaryUrl.substring(query));
    }

    /** The stand-in for the primary the tests run on; recreated empty and migrated like the primary. */
    static ReplicaDatabase recreatedFor(ApplicationContext primary) {
        ReplicaDatabase replica = new ReplicaDatabase(primary.getRequiredProperty("datasources.default.url", String.class),
                primary.getRequiredProperty("datasources.default.username", String.class),
                primary.getProperty("datasources.default.password", String.class).orElse(""));
        replica.onPrimary("DROP DATABASE IF EXISTS " + replica.name + " WITH (FORCE)");
        replica.onPrimary("CREATE DATABASE " + replica.name);
        try (ApplicationContext migrated = replica.asDefault()) {
            migrated.getBean(TestDatabase.class).clear();
        }
        return replica;
    }

    /** Roster on the replica database as if it were the primary: migrates it, and writes there only. */
    ApplicationContext asDefault() {
        return ApplicationContext.run(Map.of("datasources.default.url", url, "datasources.default.username", username,
                "datasources.default.password", password), "test");
    }

    /** A user that exists on the replica database only. */
    UserView createUserOnReplicaOnly(String email) {
        try (ApplicationContext onReplica = asDefault()) {
            return onReplica.getBean(CreateUserUseCase.class).create(new CreateUserCommand(new Email(email), Optional.empty(),
                    Optional.empty(), Attributes.none(), Set.of(), Optional.empty()));
        }
    }

    /** The settings that make the replica database Roster's read replica. */
    Map<String, Object> replicaSettings() {
        return Map.of("datasources.replica.url", url, "datasources.replica.username", username,
                "datasources.replica.password", password);
    }

    /** Refuses new connections to the replica database and ends the open ones: to Roster, the replica is gone. */
    void stop() {
        onPrimary("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
        onPrimary("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    void start() {
        onPrimary("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
    }

    void drop() {
        onPrimary("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Statements that cannot run in a transaction (CREATE DATABASE), on a plain autocommit connection. */
    private void onPrimary(String sql) {
        try (Connection connection = DriverManager.getConnection(primaryUrl, username, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run on the primary: " + sql, e);
        }
    }
}
