package dev.roster.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code roster.export}: {@code pageSize} users are read per keyset page of a streamed export. */
@ConfigurationProperties("roster.export")
record ExportProperties(int pageSize) {
}
