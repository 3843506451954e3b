package dev.roster.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code roster.import}, the service's part (values in application.yml; the HTTP body limit is the adapter's
 * {@code ImportLimits}).
 *
 * @param batchSize rows per transaction
 * @param maxErrors row errors listed in the report (the counts always cover every row)
 */
@ConfigurationProperties("roster.import")
record ImportProperties(int batchSize, int maxErrors) {
}
