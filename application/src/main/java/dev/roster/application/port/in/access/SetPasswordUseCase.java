package dev.roster.application.port.in.access;

/** An administrator sets a user's password. */
public interface SetPasswordUseCase {
    /** @throws dev.roster.domain.user.WeakPasswordException when the policy refuses the password */
    void setPassword(SetPasswordCommand command);
}
