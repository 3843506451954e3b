package dev.roster.adapters.out.persistence.jdbc;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code roster.replica}: how Roster treats the read replica, when {@code datasources.replica.url} names one (values
 * and their meaning in application.yml and docs/operations.md, "Read replicas").
 *
 * @param probeInterval     how often the replica's lag is measured, and how soon a replica that stopped answering
 *                          is tried again
 * @param maxLag            a replica further behind than this serves nothing: its reads go to the primary
 * @param connectionTimeout how long a read waits for a replica connection before it goes to the primary
 */
@ConfigurationProperties("roster.replica")
public record ReplicaProperties(Duration probeInterval, Duration maxLag, Duration connectionTimeout) {
}
