package dev.roster.adapters.in.http.common;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code roster.http} (value in application.yml; meaning in docs/operations.md and ADR 0015).
 *
 * @param trustedProxies how many reverse proxies in front of Roster append the caller's address to the header that
 *                       {@code micronaut.server.client-address-header} names; the client is the entry this many places
 *                       from its right end. Read only when that header is set, and then at least 1
 */
@ConfigurationProperties("roster.http")
public record ClientAddressProperties(int trustedProxies) {
}
