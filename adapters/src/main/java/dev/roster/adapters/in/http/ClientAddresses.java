package dev.roster.adapters.in.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;

/**
 * The caller's address for per-client limits: the socket peer, or the forwarded address when
 * {@code micronaut.server.client-address-header} names a header that a trusted proxy sets.
 */
@Singleton
final class ClientAddresses {
    private final HttpClientAddressResolver resolver;

    ClientAddresses(HttpClientAddressResolver resolver) {
        this.resolver = resolver;
    }

    String of(HttpRequest<?> request) {
        String address = resolver.resolve(request);
        return address == null ? "unknown" : address;
    }
}
