package dev.roster.adapters.out.persistence.jdbc;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.jdbc.JdbcIndicator;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.util.concurrent.ExecutorService;

/**
 * Micronaut's JDBC health check of the primary datasource only. Its own checks every datasource, so a read replica
 * that is down would make {@code /health} DOWN and a load balancer would drop an instance that serves every request
 * (the replica's reads fall back to the primary): the replica's state is a detail of {@link ReplicaHealthIndicator}.
 */
@Singleton
@Replaces(JdbcIndicator.class)
@Requires(beans = HealthEndpoint.class)
@Requires(property = "endpoints.health.jdbc.enabled", notEquals = "false")
final class PrimaryJdbcIndicator extends JdbcIndicator {

    PrimaryJdbcIndicator(@Named(TaskExecutors.BLOCKING) ExecutorService executor, DataSource primary,
                         DataSourceResolver resolver, HealthAggregator<?> aggregator) {
        super(executor, new DataSource[] {primary}, resolver, aggregator);
    }
}
