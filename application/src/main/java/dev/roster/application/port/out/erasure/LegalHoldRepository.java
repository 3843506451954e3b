package dev.roster.application.port.out.erasure;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.domain.user.UserId;

import java.util.Optional;

/** Legal holds, at most one per user. Writes inside a {@link TransactionBoundary} transaction. */
public interface LegalHoldRepository {

    /** Places or replaces the user's hold. */
    void put(LegalHold hold);

    Optional<LegalHold> find(UserId userId);

    /** @return whether there was a hold */
    boolean remove(UserId userId);
}
