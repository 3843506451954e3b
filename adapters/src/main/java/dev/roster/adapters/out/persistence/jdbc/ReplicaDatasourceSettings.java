package dev.roster.adapters.out.persistence.jdbc;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Settings the read replica's pool always gets, whatever else {@code datasources.replica.*} says: a replica that is
 * down at start-up does not stop the start ({@code initialization-fail-timeout} -1: the pool fills when it can), its
 * connections are read-only, and a read waits at most {@code roster.replica.connection-timeout} for one before it goes
 * to the primary (for PostgreSQL the driver's connect timeout too, so an unreachable host fails as fast).
 */
@Singleton
final class ReplicaDatasourceSettings implements BeanCreatedEventListener<DatasourceConfiguration> {
    private final ReplicaProperties properties;

    ReplicaDatasourceSettings(ReplicaProperties properties) {
        this.properties = properties;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        if (Replica.NAME.equals(configuration.getName())) {
            configuration.setPoolName(Replica.NAME); // hikaricp_* meters: pool="replica"
            configuration.setInitializationFailTimeout(-1);
            configuration.setReadOnly(true);
            long timeout = Math.max(250, properties.connectionTimeout().toMillis()); // Hikari's least
            configuration.setConnectionTimeout(timeout);
            configuration.setValidationTimeout(Math.min(configuration.getValidationTimeout(), Math.max(250, timeout - 1)));
            String url = configuration.getUrl();
            if (url != null && url.startsWith("jdbc:postgresql:")) {
                configuration.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, (timeout + 999) / 1000)));
            }
        }
        return configuration;
    }
}
