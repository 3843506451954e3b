package dev.roster.application.port.in.erasure;

import dev.roster.application.model.erasure.LegalHoldView;
import dev.roster.domain.user.UserId;

import java.util.Optional;

/** The legal hold that stands on a user, if any. */
public interface GetLegalHoldUseCase {
    /** @throws dev.roster.domain.user.UserNotFoundException when there is no such user */
    Optional<LegalHoldView> legalHold(UserId id);
}
