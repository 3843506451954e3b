package dev.roster.adapters.in.http.problem;

import dev.roster.domain.user.DomainException;
import dev.roster.domain.user.EmailAlreadyTakenException;
import dev.roster.domain.user.IllegalRoleChangeException;
import dev.roster.domain.user.IllegalUserStateTransitionException;
import dev.roster.domain.user.InvalidUserDataException;
import dev.roster.domain.user.LastAdminException;
import dev.roster.domain.user.UserHasResourcesException;
import dev.roster.domain.user.UserNotFoundException;
import dev.roster.domain.user.UserVersionConflictException;
import dev.roster.domain.user.WeakPasswordException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** Maps the domain's business exceptions to problem responses, once, at the edge. Their messages carry no PII. */
@Produces(Problem.CONTENT_TYPE)
@Singleton
public final class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DomainException exception) {
        Problem problem = problemFor(exception, request.getPath(), request.getHeaders().contains(HttpHeaders.IF_MATCH));
        return HttpResponse.<Problem>status(io.micronaut.http.HttpStatus.valueOf(problem.status())).body(problem)
                .contentType(MediaType.of(Problem.CONTENT_TYPE));
    }

    /** The problem document for a domain exception; also used for the per-operation results of bulk requests. */
    public static Problem problemFor(DomainException exception, String instance, boolean hadIfMatch) {
        if (exception instanceof InvalidUserDataException invalid) {
            return Problem.of(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", instance,
                    List.of(new Problem.FieldError(invalid.field(), invalid.getMessage())));
        }
        if (exception instanceof UserHasResourcesException owned) {
            return Problem.of(ProblemType.USER_HAS_RESOURCES, exception.getMessage(), instance)
                    .withResources(Map.of("files", owned.files()));
        }
        if (exception instanceof WeakPasswordException weak) {
            return Problem.of(ProblemType.WEAK_PASSWORD, "The password " + weak.getMessage() + ".", instance);
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
            type = hadIfMatch ? ProblemType.PRECONDITION_FAILED : ProblemType.EDIT_CONFLICT;
        } else if (exception instanceof IllegalUserStateTransitionException || exception instanceof IllegalRoleChangeException) {
            type = ProblemType.INVALID_STATE;
        } else {
            type = ProblemType.INVALID_STATE;
        }
        return Problem.of(type, exception.getMessage(), instance);
    }
}
