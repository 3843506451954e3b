package dev.roster.adapters.in.http.common;

import dev.roster.adapters.in.http.problem.Problem;
import dev.roster.adapters.in.http.problem.ProblemType;
import dev.roster.adapters.in.http.problem.Problems;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses (400) a request whose {@code X-Forwarded-Host} or {@code Forwarded: host=} is not a host name with an
 * optional port, before anything reads it: the framework's proxy-header parser fails with an exception on values
 * such as {@code "::::"} or {@code "host:"} (seen by the fuzz test), which would be a 500.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ForwardedHeadersFilter implements Ordered {
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9._~-]+|\\[[0-9A-Fa-f:.]+])(?::[0-9]{1,5})?");
    private static final Pattern FORWARDED_HOST = Pattern.compile("(?i)(?:^|[;,\\s])host=\"?([^\";,]*)\"?");

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @RequestFilter
    @Nullable
    HttpResponse<Problem> check(HttpRequest<?> request) {
        for (String value : request.getHeaders().getAll("X-Forwarded-Host")) {
            for (String host : value.split(",", -1)) {
                if (!HOST.matcher(host.strip()).matches()) {
                    return refuse(request, "X-Forwarded-Host");
                }
            }
        }
        List<String> forwarded = request.getHeaders().getAll("Forwarded");
        for (String value : forwarded) {
            var host = FORWARDED_HOST.matcher(value);
            while (host.find()) {
                if (!HOST.matcher(host.group(1).strip()).matches()) {
                    return refuse(request, "Forwarded");
                }
            }
        }
        return null;
    }

    private static HttpResponse<Problem> refuse(HttpRequest<?> request, String header) {
        return Problems.response(request, ProblemType.BAD_REQUEST, "The " + header + " header does not name a host (host or host:port).");
    }
}
