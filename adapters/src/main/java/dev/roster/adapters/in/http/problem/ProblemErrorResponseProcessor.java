package dev.roster.adapters.in.http.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * Turns every error the framework produces by itself (unknown route, wrong method, unsupported media type, bad JSON,
 * unconvertible parameters, oversize body) into a problem document. Framework messages can quote the rejected
 * value, which may be personal data, so they are replaced by messages built from the argument names.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    static final String MALFORMED_DETAIL = "The request body is not valid JSON of the expected shape (check syntax and value types).";

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.getStatus().getCode();
        String path = context.getRequest().getPath();
        Optional<Throwable> cause = context.getRootCause();
        Problem problem = cause.map(error -> fromCause(error, status, path))
                .orElseGet(() -> generic(ProblemType.forStatus(status), path));
        return response.body(problem).contentType(MediaType.of(Problem.CONTENT_TYPE));
    }

    private static Problem fromCause(Throwable error, int status, String path) {
        if (error instanceof ConversionErrorException conversion && conversion.getConversionError().getCause() != null
                && isJsonProblem(conversion.getConversionError().getCause())) {
            return fromJsonProblem(conversion.getConversionError().getCause(), path);
        }
        if (error instanceof ConversionErrorException conversion) {
            return Problem.of(ProblemType.VALIDATION_FAILED, "A parameter could not be read.", path,
                    List.of(new Problem.FieldError(conversion.getArgument().getName(), "has the wrong type or format")));
        }
        if (error instanceof UnsatisfiedRouteException unsatisfied) {
            Argument<?> argument = unsatisfied.getArgument();
            String name = argument.getName();
            return Problem.of(ProblemType.VALIDATION_FAILED, "A required parameter is missing.", path,
                    List.of(new Problem.FieldError(name, "is required")));
        }
        if (status == 400 && isJsonProblem(error)) {
            return fromJsonProblem(error, path);
        }
        return generic(ProblemType.forStatus(status), path);
    }

    private static Problem fromJsonProblem(Throwable error, String path) {
        return JsonErrors.unknownProperty(error)
                .map(name -> Problem.of(ProblemType.VALIDATION_FAILED, "The request body has an unknown field.", path,
                        List.of(new Problem.FieldError(name, "is not a known field"))))
                .orElseGet(() -> Problem.of(ProblemType.MALFORMED_JSON, MALFORMED_DETAIL, path));
    }

    private static boolean isJsonProblem(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.contains("Json") || name.contains("Serde") || name.contains("jackson")) {
                return true;
            }
        }
        return false;
    }

    private static Problem generic(ProblemType type, String path) {
        String detail = switch (type) {
            case NOT_FOUND -> "No resource at this path.";
            case METHOD_NOT_ALLOWED -> "This resource does not support the method.";
            case UNSUPPORTED_MEDIA_TYPE -> "The request body's content type is not supported here.";
            case NOT_ACCEPTABLE -> "No representation matches the Accept header.";
            case PAYLOAD_TOO_LARGE -> "The request body is larger than allowed.";
            case BAD_REQUEST -> "The request could not be read.";
            default -> type.title() + ".";
        };
        return Problem.of(type, detail, path);
    }
}
