package dev.roster.adapters.in.http.problem;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.DecoderException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * The last line: anything no other handler claimed. A database that cannot be reached gives 503 (the service
 * recovers when it returns); anything else 500 without details. The log names exception classes and stack frames
 * but not messages, which may quote stored values.
 */
@Produces(Problem.CONTENT_TYPE)
@Singleton
final class UnexpectedExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException exception) {
        if (exception instanceof HttpStatusException status) {
            ProblemType type = ProblemType.forStatus(status.getStatus().getCode());
            return Problems.response(request, type, type.title() + ".");
        }
        if (isUndecodableBody(exception)) {
            return Problems.response(request, ProblemType.BAD_REQUEST,
                    "The request body could not be decoded; check Content-Encoding and Transfer-Encoding.");
        }
        if (isDatabaseUnavailable(exception)) {
            LOG.warn("Database unavailable while serving {} {}: {}", request.getMethod(), route(request), describe(exception));
            return Problems.response(request, ProblemType.SERVICE_UNAVAILABLE,
                    "The database is not reachable; try again shortly.").header("Retry-After", "5");
        }
        LOG.error("Unexpected error while serving {} {}: {}", request.getMethod(), route(request), describe(exception));
        return Problems.response(request, ProblemType.INTERNAL_ERROR, "An unexpected error occurred; it has been logged.");
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

    static boolean isDatabaseUnavailable(Throwable error) {
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
