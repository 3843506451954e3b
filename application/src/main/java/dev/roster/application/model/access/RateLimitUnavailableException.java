package dev.roster.application.model.access;

import dev.roster.application.model.ApplicationException;

/**
 * A rate limit that guards a password check could not be counted (its shared store did not answer), so the attempt is
 * refused rather than let through uncounted. Answered 503 service-unavailable with Retry-After (ADR 0023).
 */
public final class RateLimitUnavailableException extends ApplicationException {
    public RateLimitUnavailableException() {
        super("the rate limit cannot be checked right now; try again shortly");
    }
}
