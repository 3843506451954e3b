package dev.roster.bootstrap;

import db.migration.V14__audit_client_address_commitments;
import io.micronaut.context.annotation.Value;
import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds the PostgreSQL-only migrations ({@code classpath:db/postgres}: trigram and partial indexes) when the default
 * datasource is PostgreSQL, so that one configuration serves H2 and PostgreSQL alike. It is also the one customizer
 * micronaut-flyway applies, so it hands Roster settings that Java migrations read to them as placeholders:
 * {@code roster.audit.relink-unverified-chain} (V14, ADR 0022).
 */
@Singleton
@Named("default") // micronaut-flyway looks customizers up by the datasource's name
final class PostgresMigrationLocations implements FlywayConfigurationCustomizer {
    static final String POSTGRES_LOCATION = "classpath:db/postgres";

    private final boolean relinkUnverifiedChain;

    PostgresMigrationLocations(@Value("${roster.audit.relink-unverified-chain:false}") boolean relinkUnverifiedChain) {
        this.relinkUnverifiedChain = relinkUnverifiedChain;
    }

    @Override
    public String getName() {
        return "default";
    }

    @Override
    public void customizeFluentConfiguration(FluentConfiguration configuration) {
        Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
        placeholders.put(V14__audit_client_address_commitments.ACCEPT_UNVERIFIED, Boolean.toString(relinkUnverifiedChain));
        configuration.placeholders(placeholders);
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
