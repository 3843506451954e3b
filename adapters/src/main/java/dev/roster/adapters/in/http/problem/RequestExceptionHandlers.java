package dev.roster.adapters.in.http.problem;

import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.port.in.access.AuthenticationFailedException;
import dev.roster.application.port.in.access.WrongPasswordException;
import dev.roster.application.port.in.erasure.LegalHoldException;
import dev.roster.application.port.in.erasure.ReceiptNotFoundException;
import dev.roster.application.port.in.lifecycle.FileNotFoundException;
import io.micronaut.http.HttpHeaders;
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

    /** One response for every login failure, byte for byte: it must not tell which part was wrong. */
    @Singleton
    ExceptionHandler<AuthenticationFailedException, HttpResponse<Problem>> authenticationFailed() {
        return (request, exception) -> Problems.response(request, ProblemType.UNAUTHORIZED, "Invalid email or password.")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    @Singleton
    ExceptionHandler<LegalHoldException, HttpResponse<Problem>> legalHold() {
        return (request, exception) -> Problems.response(request, ProblemType.LEGAL_HOLD, exception.getMessage() + ".");
    }

    @Singleton
    ExceptionHandler<ReceiptNotFoundException, HttpResponse<Problem>> receiptNotFound() {
        return (request, exception) -> Problems.response(request, ProblemType.NOT_FOUND, "No erasure receipt with that id.");
    }

    @Singleton
    ExceptionHandler<FileNotFoundException, HttpResponse<Problem>> fileNotFound() {
        return (request, exception) -> Problems.response(request, ProblemType.NOT_FOUND, "The user owns no file with that id.");
    }

    @Singleton
    ExceptionHandler<WrongPasswordException, HttpResponse<Problem>> wrongPassword() {
        return (request, exception) -> Problems.response(request, ProblemType.VALIDATION_FAILED,
                "The request has invalid fields.", List.of(new Problem.FieldError("currentPassword", "does not match")));
    }

    @Singleton
    ExceptionHandler<RateLimitExceededException, HttpResponse<Problem>> rateLimited() {
        return (request, exception) -> {
            long seconds = Math.max(1, (exception.retryAfter().toMillis() + 999) / 1000);
            return Problems.response(request, ProblemType.RATE_LIMITED, "Too many requests; retry after " + seconds + " seconds.")
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        };
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
