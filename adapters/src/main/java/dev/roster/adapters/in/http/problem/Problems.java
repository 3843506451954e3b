package dev.roster.adapters.in.http.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;

/** Builds problem responses with the {@code application/problem+json} content type. */
public final class Problems {
    private Problems() {
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, ProblemType type, String detail) {
        return response(type, Problem.of(type, detail, request.getPath()));
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, ProblemType type, String detail,
                                                        List<Problem.FieldError> errors) {
        return response(type, Problem.of(type, detail, request.getPath(), errors));
    }

    private static MutableHttpResponse<Problem> response(ProblemType type, Problem problem) {
        return HttpResponse.<Problem>status(type.status())
                .body(problem)
                .contentType(MediaType.of(Problem.CONTENT_TYPE));
    }
}
