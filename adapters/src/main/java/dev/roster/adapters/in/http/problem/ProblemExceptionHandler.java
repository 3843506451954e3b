package dev.roster.adapters.in.http.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers every exception that reaches the HTTP edge and that the framework does not handle itself with the
 * problem {@link ProblemMapper} maps it to: business exceptions of the domain and the application, rejected
 * requests, an unreachable database (503), and anything unexpected (500, logged without messages).
 */
@Produces(Problem.CONTENT_TYPE)
@Singleton
final class ProblemExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException exception) {
        return ProblemMapper.answer(exception, request).toResponse();
    }
}
