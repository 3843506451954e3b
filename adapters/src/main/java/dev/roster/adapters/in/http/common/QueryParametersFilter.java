package dev.roster.adapters.in.http.common;

import dev.roster.adapters.in.http.problem.Problem;
import dev.roster.adapters.in.http.problem.ProblemType;
import dev.roster.adapters.in.http.problem.Problems;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses (400 validation-failed, one error per name) a query parameter the API route does not know, as unknown body
 * members already are: a misspelt filter ({@code stauts=DELETED}) must not silently widen a list, an export or a
 * count. A route knows the names of its {@code @QueryValue} arguments and the query parameters it declares for its
 * API document with {@code @Parameter(in = QUERY)} (those it reads itself, such as the repeatable {@code attr}).
 */
@ServerFilter("/api/**")
final class QueryParametersFilter implements Ordered {
    private final Map<Object, Set<String>> knownByRoute = new ConcurrentHashMap<>();

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @Nullable
    HttpResponse<Problem> check(HttpRequest<?> request) {
        if (request.getParameters().isEmpty()) {
            return null;
        }
        RouteMatch<?> route = RouteAttributes.getRouteMatch(request).orElse(null);
        if (!(route instanceof MethodBasedRouteMatch<?, ?> method)) {
            return null;
        }
        Set<String> known = knownByRoute.computeIfAbsent(method.getRouteInfo(), info -> knownBy(method));
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String name : new TreeSet<>(request.getParameters().names())) {
            if (!known.contains(name)) {
                errors.add(new Problem.FieldError(bounded(name), known.isEmpty() ? "is not a query parameter of this endpoint (it takes none)"
                        : "is not a query parameter of this endpoint; known: " + String.join(", ", known)));
            }
        }
        return errors.isEmpty() ? null
                : Problems.response(request, ProblemType.VALIDATION_FAILED, "The request has unknown query parameters.", errors);
    }

    private static Set<String> knownBy(MethodBasedRouteMatch<?, ?> method) {
        TreeSet<String> known = new TreeSet<>();
        for (Argument<?> argument : method.getArguments()) {
            if (argument.getAnnotationMetadata().hasAnnotation(QueryValue.class)) {
                known.add(argument.getAnnotationMetadata().stringValue(QueryValue.class).filter(name -> !name.isEmpty())
                        .orElse(argument.getName()));
            }
        }
        for (AnnotationValue<Parameter> parameter : method.getAnnotationMetadata().getAnnotationValuesByType(Parameter.class)) {
            boolean inQuery = parameter.enumValue("in", ParameterIn.class).map(in -> in == ParameterIn.QUERY).orElse(false);
            parameter.stringValue("name").filter(name -> inQuery).ifPresent(known::add);
        }
        return Collections.unmodifiableSortedSet(known);
    }

    /** A parameter name is the client's text: quoted in the error, but bounded. */
    private static String bounded(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }
}
