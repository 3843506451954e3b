package dev.roster.application.service.common;

import dev.roster.application.port.in.erasure.LegalHoldException;
import dev.roster.application.port.out.erasure.LegalHoldRepository;
import dev.roster.domain.user.UserId;

/** The legal-hold rule: while a hold stands, the user's data is neither erased nor purged. */
public final class LegalHoldGuard {
    private LegalHoldGuard() {
    }

    public static boolean isHeld(LegalHoldRepository holds, UserId id) {
        return holds.find(id).isPresent();
    }

    /** Refuses {@code action} while the user is on legal hold. */
    public static void refuseIfHeld(LegalHoldRepository holds, UserId id, String action) {
        if (isHeld(holds, id)) {
            throw new LegalHoldException(action);
        }
    }
}
