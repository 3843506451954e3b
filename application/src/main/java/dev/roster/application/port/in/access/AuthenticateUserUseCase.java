package dev.roster.application.port.in.access;

import dev.roster.application.model.access.Principal;
import dev.roster.application.model.access.RateLimitExceededException;

/** Checks an email and password (login). Rate-limited per email and per client address. */
public interface AuthenticateUserUseCase {
    /**
     * @return the principal of an ACTIVE user whose password matches
     * @throws AuthenticationFailedException for any failure, whatever its reason
     * @throws RateLimitExceededException    when the email or the client address tried too often
     */
    Principal authenticate(AuthenticateUserCommand command);
}
