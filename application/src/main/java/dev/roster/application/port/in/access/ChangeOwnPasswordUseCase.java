package dev.roster.application.port.in.access;

import dev.roster.application.model.access.RateLimitExceededException;

/** A user changes its own password. Rate-limited per user. */
public interface ChangeOwnPasswordUseCase {
    /**
     * @throws WrongPasswordException                        when the current password does not match
     * @throws dev.roster.domain.user.WeakPasswordException  when the policy refuses the new one
     * @throws RateLimitExceededException                    when the user tried too often
     */
    void changeOwnPassword(ChangeOwnPasswordCommand command);
}
