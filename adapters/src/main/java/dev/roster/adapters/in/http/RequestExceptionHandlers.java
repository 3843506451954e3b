package dev.roster.adapters.in.http;

import dev.roster.application.port.in.InvalidQueryException;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

/** Maps rejected requests (bad body fields, bad query parameters) to 400 validation-failed problems. */
@Factory
final class RequestExceptionHandlers {

    @Singleton
    ExceptionHandler<InvalidRequestException, HttpResponse<Problem>> invalidRequest() {
        return (request, exception) -> Problems.response(request, ProblemType.VALIDATION_FAILED,
                "The request has invalid fields.", exception.errors());
    }

    @Singleton
    ExceptionHandler<MalformedJsonException, HttpResponse<Problem>> malformedJson() {
        return (request, exception) -> Problems.response(request, ProblemType.MALFORMED_JSON,
                ProblemErrorResponseProcessor.MALFORMED_DETAIL);
    }

    @Singleton
    ExceptionHandler<InvalidQueryException, HttpResponse<Problem>> invalidQuery() {
        return (request, exception) -> Problems.response(request, ProblemType.VALIDATION_FAILED,
                "The request has invalid query parameters.",
                List.of(new Problem.FieldError(exception.parameter(), exception.getMessage())));
    }
}
