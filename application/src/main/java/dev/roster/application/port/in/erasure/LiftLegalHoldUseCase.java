package dev.roster.application.port.in.erasure;

import dev.roster.domain.user.UserId;

/** Lifts a legal hold; lifting when there is none changes nothing. */
public interface LiftLegalHoldUseCase {
    void liftLegalHold(UserId id);
}
