package dev.roster.application.port.out.privacy;

import dev.roster.application.model.privacy.PrivacyRequestStatus;
import dev.roster.application.model.privacy.PrivacyRequestType;

import java.time.Duration;

/** Figures about privacy requests for operators (the adapter publishes them at /prometheus). Call after commit. */
public interface PrivacyMetrics {

    /** A request was closed ({@code outcome} COMPLETED or REFUSED), {@code sinceReceived} after it was received. */
    void closed(PrivacyRequestType type, PrivacyRequestStatus outcome, Duration sinceReceived);
}
