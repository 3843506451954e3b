package dev.roster.application.model.access;

import dev.roster.application.model.ApplicationException;

import java.time.Duration;

/** The caller used up a rate limit; {@link #retryAfter()} says when to try again. */
public final class RateLimitExceededException extends ApplicationException {
    private final Duration retryAfter;

    public RateLimitExceededException(Duration retryAfter) {
        super("too many requests; retry after " + Math.max(1, retryAfter.toSeconds()) + " seconds");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
