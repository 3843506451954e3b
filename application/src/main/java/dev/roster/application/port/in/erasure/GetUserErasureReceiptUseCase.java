package dev.roster.application.port.in.erasure;

import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.domain.user.UserId;

import java.util.Optional;

/** The receipt of a user's erasure, found from the user: present once the user is anonymized. */
public interface GetUserErasureReceiptUseCase {
    /** @throws dev.roster.domain.user.UserNotFoundException when there is no such user (a purged one included) */
    Optional<ErasureReceipt> receiptOf(UserId id);
}
