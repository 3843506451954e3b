package dev.roster.adapters.in.http.common;

import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;

/**
 * The caller's address for per-client limits: the socket peer, unless {@code micronaut.server.client-address-header}
 * names a header that a trusted proxy sets. Forwarded headers are never trusted by default: a client could
 * otherwise send a new X-Forwarded-For with each guess and escape the limit (or spend someone else's).
 */
@Singleton
public final class ClientAddresses {
    private final HttpClientAddressResolver resolver;
    private final boolean trustedProxyHeader;

    ClientAddresses(HttpClientAddressResolver resolver, HttpServerConfiguration server) {
        this.resolver = resolver;
        String header = server.getClientAddressHeader();
        this.trustedProxyHeader = header != null && !header.isBlank();
    }

    public String of(HttpRequest<?> request) {
        String address = trustedProxyHeader ? resolver.resolve(request) : request.getRemoteAddress().getAddress().getHostAddress();
        return address == null ? "unknown" : address;
    }
}
