package dev.roster.adapters.in.http.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Turns every error the framework produces by itself (unknown route, wrong method, unsupported media type, bad JSON,
 * unconvertible parameters, oversize body) into the problem document {@link ProblemMapper#frameworkError} gives, and a
 * request head Netty could not read (too long a request line, too large headers) into 414 or 431
 * ({@link ProblemMapper#unreadableHead}).
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.getStatus().getCode();
        String path = context.getRequest().getPath();
        Optional<Problem> head = ProblemMapper.unreadableHead(decoderFailure(context.getRequest()), path);
        if (head.isPresent()) {
            response.status(HttpStatus.valueOf(head.get().status()));
            return response.body(head.get()).contentType(MediaType.of(Problem.CONTENT_TYPE));
        }
        Problem problem = ProblemMapper.frameworkError(context.getRootCause().orElse(null), status, path);
        if (status == 401 && !response.getHeaders().contains(HttpHeaders.WWW_AUTHENTICATE)) {
            // RFC 6750 section 3: a 401 names the scheme to authenticate with (bearer tokens only, STACK P6)
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.body(problem).contentType(MediaType.of(Problem.CONTENT_TYPE));
    }

    /** Why Netty could not read the request's head, if it could not (Micronaut passes no cause on for that). */
    private static Throwable decoderFailure(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty && netty.getNativeRequest().decoderResult().isFailure()) {
            return netty.getNativeRequest().decoderResult().cause();
        }
        return null;
    }
}
