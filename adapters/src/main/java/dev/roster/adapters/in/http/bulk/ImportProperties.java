package dev.roster.adapters.in.http.bulk;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code roster.import} (values in application.yml).
 *
 * @param maxBodySize the largest body {@code POST /api/v1/users/import} reads, in bytes
 * @param batchSize   rows per transaction
 * @param maxErrors   row errors listed in the report (the counts always cover every row)
 */
@ConfigurationProperties("roster.import")
public record ImportProperties(long maxBodySize, int batchSize, int maxErrors) {
}
