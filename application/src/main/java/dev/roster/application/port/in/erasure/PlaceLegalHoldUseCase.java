package dev.roster.application.port.in.erasure;

import dev.roster.domain.user.UserId;

/** Places (or replaces) a legal hold with a reason; erasure and purge are refused while it stands. */
public interface PlaceLegalHoldUseCase {
    /**
     * Places or replaces the user's hold.
     *
     * @throws dev.roster.domain.user.IllegalUserStateTransitionException for an anonymized user (nothing is left to hold)
     */
    void placeLegalHold(UserId id, String reason);
}
