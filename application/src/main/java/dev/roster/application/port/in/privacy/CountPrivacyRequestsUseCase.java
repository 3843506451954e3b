package dev.roster.application.port.in.privacy;

import dev.roster.application.model.privacy.PrivacyRequestCounts;

/** Open and overdue requests by type, now: the figures operators watch. */
public interface CountPrivacyRequestsUseCase {
    PrivacyRequestCounts count();
}
