package dev.roster.adapters.in.http.common;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Headers every answer carries: {@code X-Content-Type-Options: nosniff} everywhere (a browser must not guess a type
 * the server did not send), and {@code Cache-Control: no-store} on every answer of the API and of the login (users,
 * me, exports, data packages, audit events and receipts carry personal data; no shared or browser cache may keep
 * them). An endpoint that sets its own {@code Cache-Control} keeps it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ResponseHeadersFilter implements Ordered {
    static final String NOSNIFF = "nosniff";
    static final String NO_STORE = "no-store";

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        HttpHeaders headers = response.getHeaders();
        if (!headers.contains("X-Content-Type-Options")) {
            response.header("X-Content-Type-Options", NOSNIFF);
        }
        if (carriesPersonalData(request.getPath()) && !headers.contains(HttpHeaders.CACHE_CONTROL)) {
            response.header(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
    }

    private static boolean carriesPersonalData(String path) {
        return path.startsWith("/api/") || path.equals("/login");
    }
}
