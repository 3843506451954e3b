package dev.roster.application.port.in.erasure;

import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.port.in.access.WrongPasswordException;
import dev.roster.domain.user.PlainPassword;
import dev.roster.domain.user.UserId;

/** A user erases its own account after confirming its password (same erasure as {@link AnonymizeUserUseCase}). */
public interface EraseOwnAccountUseCase {
    /** @throws WrongPasswordException when the password does not match */
    ErasureReceipt eraseOwnAccount(UserId self, PlainPassword currentPassword);
}
