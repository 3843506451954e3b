package dev.roster.adapters.in.http.problem;

import dev.roster.application.model.ApplicationException;
import dev.roster.application.model.access.RateLimitExceededException;
import dev.roster.application.model.access.RateLimitUnavailableException;
import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.port.in.access.AuthenticationFailedException;
import dev.roster.application.port.in.accounts.InvalidServiceAccountException;
import dev.roster.application.port.in.accounts.ServiceAccountNotFoundException;
import dev.roster.application.port.in.accounts.ServiceAccountRevokedException;
import dev.roster.application.port.in.access.WrongPasswordException;
import dev.roster.application.port.in.bulk.ImportAbortedException;
import dev.roster.application.port.in.bulk.ImportInputException;
import dev.roster.application.port.in.events.CursorExpiredException;
import dev.roster.application.port.in.erasure.LegalHoldException;
import dev.roster.application.port.in.erasure.ReceiptNotFoundException;
import dev.roster.application.port.in.lifecycle.FileNotFoundException;
import dev.roster.application.model.privacy.InvalidPrivacyRequestException;
import dev.roster.application.model.privacy.PrivacyRequestStateException;
import dev.roster.application.port.in.privacy.PrivacyRequestNotFoundException;
import dev.roster.application.port.in.privacy.RequestPackageNotFoundException;
import dev.roster.application.port.out.privacy.ErasureLedgerUnavailableException;
import dev.roster.application.port.in.recipients.ConfirmationRefusedException;
import dev.roster.application.port.in.recipients.ErasureNotPendingException;
import dev.roster.application.port.in.recipients.RecipientInactiveException;
import dev.roster.application.port.in.recipients.RecipientNotFoundException;
import dev.roster.application.model.webhooks.ForbiddenTargetException;
import dev.roster.application.model.webhooks.InvalidWebhookException;
import dev.roster.application.port.in.webhooks.DeliveryNotFoundException;
import dev.roster.application.port.in.webhooks.DeliveryNotRetryableException;
import dev.roster.application.port.in.webhooks.WebhookNotFoundException;
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
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one mapping from an error to its problem document (RFC 9457) and the headers that go with it. Every
 * exception handler, the framework's own errors, the per-operation results of a bulk request and the answer to an
 * import stopped part-way come through here, so one exception always gives the same problem. Details are built
 * from exception types and their PII-free messages; an unexpected error is logged by class and stack frames, never
 * by message (which may quote stored values).
 */
public final class ProblemMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    static final String MALFORMED_DETAIL = "The request body is not valid JSON of the expected shape (check syntax and value types).";
    private static final String INVALID_FIELDS = "The request has invalid fields.";

    private ProblemMapper() {
    }

    /** A problem and the response headers it needs ({@code Retry-After}, {@code WWW-Authenticate}). */
    public record Answer(Problem problem, Map<String, String> headers) {
        public Answer {
            headers = Map.copyOf(headers);
        }

        static Answer of(Problem problem) {
            return new Answer(problem, Map.of());
        }

        /** The answer as an {@code application/problem+json} response with the problem's status. */
        public MutableHttpResponse<Problem> toResponse() {
            MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                    .body(problem).contentType(MediaType.of(Problem.CONTENT_TYPE));
            headers.forEach(response::header);
            return response;
        }
    }

    /** The answer to an exception thrown while serving {@code request}. */
    public static Answer answer(Throwable error, HttpRequest<?> request) {
        return map(error, request, request.getHeaders().contains(HttpHeaders.IF_MATCH));
    }

    /** The problem of one operation inside a bulk request: the request's own {@code If-Match} does not apply to it. */
    public static Problem problemOfOperation(Throwable error, HttpRequest<?> request) {
        return map(error, request, false).problem();
    }

    private static Answer map(Throwable error, HttpRequest<?> request, boolean hadIfMatch) {
        String instance = request.getPath();
        if (error instanceof DomainException domain) {
            return Answer.of(domain(domain, instance, hadIfMatch));
        }
        Answer mapped = error instanceof ApplicationException application ? application(application, instance) : null;
        if (mapped != null) {
            return mapped;
        }
        if (error instanceof InvalidRequestException invalid) {
            return Answer.of(Problem.of(ProblemType.VALIDATION_FAILED, INVALID_FIELDS, instance, invalid.errors()));
        }
        if (error instanceof MalformedJsonException) {
            return Answer.of(Problem.of(ProblemType.MALFORMED_JSON, MALFORMED_DETAIL, instance));
        }
        if (error instanceof HttpStatusException status) {
            ProblemType type = ProblemType.forStatus(status.getStatus().getCode());
            return Answer.of(Problem.of(type, type.title() + ".", instance));
        }
        if (isUndecodableBody(error)) {
            return Answer.of(Problem.of(ProblemType.BAD_REQUEST,
                    "The request body could not be decoded; check Content-Encoding and Transfer-Encoding.", instance));
        }
        if (isDatabaseUnavailable(error)) {
            LOG.warn("Database unavailable while serving {} {}: {}", request.getMethod(), route(request), describe(error));
            return new Answer(Problem.of(ProblemType.SERVICE_UNAVAILABLE, "The database is not reachable; try again shortly.",
                    instance), Map.of(HttpHeaders.RETRY_AFTER, "5"));
        }
        LOG.error("Unexpected error while serving {} {}: {}", request.getMethod(), route(request), describe(error));
        return Answer.of(Problem.of(ProblemType.INTERNAL_ERROR, "An unexpected error occurred; it has been logged.", instance));
    }

    private static Problem domain(DomainException exception, String instance, boolean hadIfMatch) {
        if (exception instanceof InvalidUserDataException invalid) {
            return Problem.of(ProblemType.VALIDATION_FAILED, INVALID_FIELDS, instance,
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

    /** The answer for an application exception, or null when it has no problem type yet. */
    private static Answer application(ApplicationException exception, String instance) {
        if (exception instanceof InvalidQueryException invalid) {
            return Answer.of(Problem.of(ProblemType.VALIDATION_FAILED, "The request has invalid query parameters.", instance,
                    List.of(new Problem.FieldError(invalid.parameter(), invalid.getMessage()))));
        }
        if (exception instanceof AuthenticationFailedException) {
            // one answer for every login failure, byte for byte: it must not tell which part was wrong
            return new Answer(Problem.of(ProblemType.UNAUTHORIZED, "Invalid email or password.", instance),
                    Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
        }
        if (exception instanceof WrongPasswordException) {
            return Answer.of(Problem.of(ProblemType.VALIDATION_FAILED, INVALID_FIELDS, instance,
                    List.of(new Problem.FieldError("currentPassword", "does not match"))));
        }
        if (exception instanceof RateLimitExceededException limited) {
            long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
            return new Answer(Problem.of(ProblemType.RATE_LIMITED, "Too many requests; retry after " + seconds + " seconds.", instance),
                    Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        }
        if (exception instanceof RateLimitUnavailableException) {
            // fail closed: a login whose limit cannot be counted is not let through (ADR 0023); the limiter logged why
            return new Answer(Problem.of(ProblemType.SERVICE_UNAVAILABLE, "The rate limit cannot be checked right now; "
                    + "try again shortly.", instance), Map.of(HttpHeaders.RETRY_AFTER, "5"));
        }
        if (exception instanceof LegalHoldException) {
            return Answer.of(Problem.of(ProblemType.LEGAL_HOLD, exception.getMessage() + ".", instance));
        }
        if (exception instanceof CursorExpiredException) {
            return Answer.of(Problem.of(ProblemType.CURSOR_EXPIRED, exception.getMessage(), instance));
        }
        if (exception instanceof ReceiptNotFoundException) {
            return Answer.of(Problem.of(ProblemType.NOT_FOUND, "No erasure receipt with that id.", instance));
        }
        if (exception instanceof FileNotFoundException) {
            return Answer.of(Problem.of(ProblemType.NOT_FOUND, "The user owns no file with that id.", instance));
        }
        if (exception instanceof InvalidServiceAccountException invalid) {
            return Answer.of(Problem.of(ProblemType.VALIDATION_FAILED, INVALID_FIELDS, instance,
                    List.of(new Problem.FieldError(invalid.field(), invalid.getMessage()))));
        }
        if (exception instanceof ServiceAccountNotFoundException) {
            return Answer.of(Problem.of(ProblemType.NOT_FOUND, "No service account with that id.", instance));
        }
        if (exception instanceof ServiceAccountRevokedException) {
            return Answer.of(Problem.of(ProblemType.INVALID_STATE, "The service account is revoked; create a new one.", instance));
        }
        if (exception instanceof ForbiddenTargetException) {
            return Answer.of(Problem.of(ProblemType.FORBIDDEN_TARGET, exception.getMessage(), instance,
                    List.of(new Problem.FieldError("url", "is, or resolves to, an internal address"))));
        }
        if (exception instanceof InvalidWebhookException invalid) {
            return Answer.of(Problem.of(ProblemType.VALIDATION_FAILED, INVALID_FIELDS, instance,
                    List.of(new Problem.FieldError(invalid.field(), invalid.getMessage()))));
        }
        if (exception instanceof WebhookNotFoundException || exception instanceof DeliveryNotFoundException) {
            return Answer.of(Problem.of(ProblemType.NOT_FOUND, exception.getMessage(), instance));
        }
        if (exception instanceof DeliveryNotRetryableException || exception instanceof RecipientInactiveException) {
            return Answer.of(Problem.of(ProblemType.INVALID_STATE, exception.getMessage(), instance));
        }
        if (exception instanceof InvalidPrivacyRequestException invalid) {
            return Answer.of(Problem.of(ProblemType.VALIDATION_FAILED, INVALID_FIELDS, instance,
                    List.of(new Problem.FieldError(invalid.field(), invalid.getMessage()))));
        }
        if (exception instanceof PrivacyRequestStateException) {
            return Answer.of(Problem.of(ProblemType.INVALID_STATE, exception.getMessage(), instance));
        }
        if (exception instanceof PrivacyRequestNotFoundException || exception instanceof RequestPackageNotFoundException) {
            return Answer.of(Problem.of(ProblemType.NOT_FOUND, exception.getMessage(), instance));
        }
        if (exception instanceof ErasureLedgerUnavailableException) {
            // the adapter logged the cause (a path and an I/O error, no personal data)
            return new Answer(Problem.of(ProblemType.SERVICE_UNAVAILABLE, exception.getMessage(), instance),
                    Map.of(HttpHeaders.RETRY_AFTER, "5"));
        }
        if (exception instanceof RecipientNotFoundException || exception instanceof ErasureNotPendingException) {
            return Answer.of(Problem.of(ProblemType.NOT_FOUND, exception.getMessage(), instance));
        }
        if (exception instanceof ConfirmationRefusedException) {
            // signed the Standard Webhooks way, not with a token: the challenge names that scheme
            return new Answer(Problem.of(ProblemType.UNAUTHORIZED, exception.getMessage(), instance),
                    Map.of(HttpHeaders.WWW_AUTHENTICATE, "StandardWebhooks realm=\"erasure-confirmations\""));
        }
        if (exception instanceof ImportAbortedException aborted) {
            return Answer.of(importStopped(aborted.reason(), aborted.report().dryRun(), instance));
        }
        if (exception instanceof ImportInputException input) {
            return Answer.of(importStopped(input, false, instance));
        }
        return null; // a new application exception without a problem type yet: answered as unexpected, and logged
    }

    private static Problem importStopped(ImportInputException reason, boolean dryRun, String instance) {
        ProblemType type = reason.tooLarge() ? ProblemType.PAYLOAD_TOO_LARGE : ProblemType.MALFORMED_IMPORT;
        String detail = reason.getMessage() + (dryRun ? " Nothing was written (dry run)."
                : " Rows before it were applied as the report says; none after it.");
        return Problem.of(type, detail, instance);
    }

    /**
     * The problem for an error the framework answers by itself (unknown route, wrong method, unsupported media type,
     * bad JSON, unconvertible parameters, oversize body), given its status and its cause if it has one. Framework
     * messages can quote the rejected value, so details are built from argument names only.
     */
    static Problem frameworkError(Throwable cause, int status, String path) {
        if (cause == null) {
            return generic(ProblemType.forStatus(status), path);
        }
        if (cause instanceof ConversionErrorException conversion && conversion.getConversionError().getCause() != null
                && isJsonProblem(conversion.getConversionError().getCause())) {
            return fromJsonProblem(conversion.getConversionError().getCause(), path);
        }
        if (cause instanceof ConversionErrorException conversion) {
            return Problem.of(ProblemType.VALIDATION_FAILED, "A parameter could not be read.", path,
                    List.of(new Problem.FieldError(conversion.getArgument().getName(), "has the wrong type or format")));
        }
        if (cause instanceof UnsatisfiedRouteException unsatisfied) {
            Argument<?> argument = unsatisfied.getArgument();
            return Problem.of(ProblemType.VALIDATION_FAILED, "A required parameter is missing.", path,
                    List.of(new Problem.FieldError(argument.getName(), "is required")));
        }
        if (status == 400 && isJsonProblem(cause)) {
            return fromJsonProblem(cause, path);
        }
        return generic(ProblemType.forStatus(status), path);
    }

    /**
     * The problem for a request whose head Netty stopped reading at a limit ({@code micronaut.server.netty.
     * max-initial-line-length}, {@code max-header-size}): Micronaut answers those 413 "payload too large" without a
     * cause, although no body was involved. A request line too long is 414 (RFC 9110 section 15.5.15), and since its
     * target was never read the problem names no {@code instance}; headers too large are 431 (RFC 6585 section 5).
     * Empty when {@code decoderFailure} is none of these.
     */
    static Optional<Problem> unreadableHead(Throwable decoderFailure, String path) {
        if (decoderFailure instanceof TooLongHttpLineException) {
            return Optional.of(Problem.of(ProblemType.URI_TOO_LONG,
                    "The request line (method, path and query) is longer than the server reads.", null));
        }
        if (decoderFailure instanceof TooLongHttpHeaderException) {
            return Optional.of(Problem.of(ProblemType.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "The request's header fields are larger in all than the server reads.", path));
        }
        return Optional.empty();
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

    /** The matched route's template (e.g. /api/v1/users/by-email/{email}): paths can carry personal data. */
    private static String route(HttpRequest<?> request) {
        return BasicHttpAttributes.getUriTemplate(request).orElse("(unmatched route)");
    }

    /** A body that is not what its Content-Encoding (gzip, deflate, ...) says: the client's fault. */
    private static boolean isUndecodableBody(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof DecoderException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDatabaseUnavailable(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            // 08: connection exceptions; 57P: the server is shutting down or starting (operator intervention)
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof ConnectionException) {
                return true; // no connection could be had from the pool
            }
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Exception classes along the cause chain and the root's top frames: enough to find the bug, no data. */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        Throwable root = error;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(t.getClass().getName());
            root = t;
        }
        StackTraceElement[] frames = root.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 12); i++) {
            text.append("\n\tat ").append(frames[i]);
        }
        return text.toString();
    }
}
