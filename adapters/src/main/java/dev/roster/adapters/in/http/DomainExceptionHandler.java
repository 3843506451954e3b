package dev.roster.adapters.in.http;

import dev.roster.domain.user.DomainException;
import dev.roster.domain.user.EmailAlreadyTakenException;
import dev.roster.domain.user.IllegalRoleChangeException;
import dev.roster.domain.user.IllegalUserStateTransitionException;
import dev.roster.domain.user.InvalidUserDataException;
import dev.roster.domain.user.LastAdminException;
import dev.roster.domain.user.UserHasResourcesException;
import dev.roster.domain.user.WeakPasswordException;
import dev.roster.domain.user.UserNotFoundException;
import dev.roster.domain.user.UserVersionConflictException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** Maps the domain's business exceptions to problem responses, once, at the edge. Their messages carry no PII. */
@Produces(Problem.CONTENT_TYPE)
@Singleton
final class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DomainException exception) {
        if (exception instanceof InvalidUserDataException invalid) {
            return Problems.response(request, ProblemType.VALIDATION_FAILED, "The request has invalid fields.",
                    List.of(new Problem.FieldError(invalid.field(), invalid.getMessage())));
        }
        if (exception instanceof UserHasResourcesException owned) {
            Problem problem = Problem.of(ProblemType.USER_HAS_RESOURCES, exception.getMessage(), request.getPath())
                    .withResources(Map.of("files", owned.files()));
            return HttpResponse.<Problem>status(ProblemType.USER_HAS_RESOURCES.status()).body(problem)
                    .contentType(io.micronaut.http.MediaType.of(Problem.CONTENT_TYPE));
        }
        if (exception instanceof WeakPasswordException weak) {
            return Problems.response(request, ProblemType.WEAK_PASSWORD, "The password " + weak.getMessage() + ".");
        }
        ProblemType type;
        if (exception instanceof LastAdminException) {
            type = ProblemType.LAST_ADMIN;
        } else if (exception instanceof UserNotFoundException) {
            type = ProblemType.NOT_FOUND;
        } else if (exception instanceof EmailAlreadyTakenException) {
            type = ProblemType.EMAIL_TAKEN;
        } else if (exception instanceof UserVersionConflictException) {
            // 412 answers a failed If-Match; without one the caller set no precondition, it lost a race: 409.
            type = request.getHeaders().contains(HttpHeaders.IF_MATCH) ? ProblemType.PRECONDITION_FAILED : ProblemType.EDIT_CONFLICT;
        } else if (exception instanceof IllegalUserStateTransitionException || exception instanceof IllegalRoleChangeException) {
            type = ProblemType.INVALID_STATE;
        } else {
            type = ProblemType.INVALID_STATE;
        }
        return Problems.response(request, type, exception.getMessage());
    }
}
