package dev.roster.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code roster.audit} (values in application.yml; the clearing schedule, {@code client-address-clearing-interval}
 * and {@code client-address-clearing-initial-delay}, is read by {@link ClientAddressRetentionJob}'s annotation, and
 * {@code relink-unverified-chain} by {@link PostgresMigrationLocations} for the V14 migration).
 *
 * @param clientAddressRetention how long an audit event keeps its client address before it is cleared (ADR 0022)
 */
@ConfigurationProperties("roster.audit")
record AuditProperties(Duration clientAddressRetention) {
    AuditProperties {
        if (clientAddressRetention == null || clientAddressRetention.isNegative()) {
            throw new IllegalArgumentException("roster.audit.client-address-retention must be a duration of at least 0, e.g. 90d");
        }
    }
}
