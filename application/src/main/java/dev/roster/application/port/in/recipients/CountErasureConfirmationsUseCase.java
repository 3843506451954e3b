package dev.roster.application.port.in.recipients;

import dev.roster.application.model.recipients.ConfirmationCounts;

/** The unconfirmed erasure requests, for the metrics: pending, overdue (past the confirmation window) and failed. */
public interface CountErasureConfirmationsUseCase {
    ConfirmationCounts counts();
}
