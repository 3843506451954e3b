package dev.roster.bootstrap;

import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adds the PostgreSQL-only migrations ({@code classpath:db/postgres}: trigram and partial indexes) when the default
 * datasource is PostgreSQL, so that one configuration serves H2 and PostgreSQL alike.
 */
@Singleton
@Named("default") // micronaut-flyway looks customizers up by the datasource's name
final class PostgresMigrationLocations implements FlywayConfigurationCustomizer {
    static final String POSTGRES_LOCATION = "classpath:db/postgres";

    @Override
    public String getName() {
        return "default";
    }

    @Override
    public void customizeFluentConfiguration(FluentConfiguration configuration) {
        if (!isPostgres(configuration)) {
            return;
        }
        List<String> locations = new ArrayList<>(Arrays.stream(configuration.getLocations()).map(Location::getDescriptor).toList());
        if (!locations.contains(POSTGRES_LOCATION)) {
            locations.add(POSTGRES_LOCATION);
        }
        configuration.locations(locations.toArray(String[]::new));
    }

    private static boolean isPostgres(FluentConfiguration configuration) {
        try (Connection connection = configuration.getDataSource().getConnection()) {
            return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to choose migrations", e);
        }
    }
}
