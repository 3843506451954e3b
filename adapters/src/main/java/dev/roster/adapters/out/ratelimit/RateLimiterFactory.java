package dev.roster.adapters.out.ratelimit;

import dev.roster.application.port.out.access.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * The one {@link RateLimiter}, chosen by {@code roster.rate-limits.store} (ADR 0023): {@code auto} (the default) counts
 * in the shared store when the default datasource is PostgreSQL and in memory otherwise (H2 is single-instance);
 * {@code database} insists on the shared store; {@code memory} keeps every instance's limits its own. Decided from the
 * JDBC URL, so that an instance whose database is down at start-up still starts (and refuses logins with 503).
 * Created at start-up, so that a bad configuration stops the start.
 */
@Factory
final class RateLimiterFactory {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiterFactory.class);
    private static final String POSTGRES_URL = "jdbc:postgresql:";

    @Context
    RateLimiter rateLimiter(RateLimitProperties properties, RateLimitKeys keys, @Named("default") DataSource dataSource,
                            @Value("${datasources.default.url:}") String url, @Nullable MeterRegistry registry) {
        Resilience4jRateLimiter local = new Resilience4jRateLimiter(properties);
        boolean postgres = url.startsWith(POSTGRES_URL);
        RateLimitProperties.Store store = properties.store();
        if (store == RateLimitProperties.Store.DATABASE && !postgres) {
            throw new IllegalStateException("roster.rate-limits.store=database needs PostgreSQL as the default datasource");
        }
        if (store == RateLimitProperties.Store.MEMORY || !postgres) {
            LOG.info("Rate limits are counted by this instance alone (roster.rate-limits.store={})", properties.getStore());
            return local;
        }
        if (!keys.shared()) {
            LOG.warn("No ROSTER_JWT_SECRET configured: rate-limit keys are this instance's own, so instances on this "
                    + "database do not add up each other's counts; set ROSTER_JWT_SECRET on every instance.");
        }
        LOG.info("Rate limits are counted across instances in PostgreSQL (rate_limit_windows)");
        return new SharedRateLimiter(local,
                new PostgresRateLimitStore(DelegatingDataSource.unwrapDataSource(dataSource), properties.getStoreTimeout()),
                keys, properties, registry != null ? registry : new SimpleMeterRegistry());
    }
}
