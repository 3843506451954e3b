package dev.roster.adapters.in.http.bulk;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code roster.import.max-body-size}: the largest body {@code POST /api/v1/users/import} reads, in bytes (value in
 * application.yml). The service's own import settings are read in bootstrap ({@code ImportProperties}).
 */
@ConfigurationProperties("roster.import")
public record ImportLimits(long maxBodySize) {
}
