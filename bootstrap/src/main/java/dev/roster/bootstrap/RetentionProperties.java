package dev.roster.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code roster.retention} (values in application.yml; the schedule itself, {@code interval} and
 * {@code initial-delay}, is read by {@link RetentionJob}'s annotation).
 *
 * @param softDeletedDays how long a soft-deleted user is kept before it is anonymized
 * @param batchSize       users one retention batch erases at most
 */
@ConfigurationProperties("roster.retention")
record RetentionProperties(int softDeletedDays, int batchSize) {
}
