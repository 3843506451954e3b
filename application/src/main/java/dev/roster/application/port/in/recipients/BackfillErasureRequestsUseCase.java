package dev.roster.application.port.in.recipients;

import java.time.Instant;
import java.util.UUID;

/**
 * Asks a recipient about the erasures it was not asked about: every erasure receipt issued at or after {@code since}
 * that has no request for this recipient gets one (a signed delivery, due at once), and its requests since then whose
 * delivery failed are sent again. Idempotent; audited.
 */
public interface BackfillErasureRequestsUseCase {

    /**
     * @throws RecipientNotFoundException when there is no such recipient
     * @throws RecipientInactiveException when it is inactive (it answered 410 Gone): nothing would be sent
     */
    Backfill backfill(UUID recipientId, Instant since);

    /** How many requests were made, and how many failed ones were made due again. */
    record Backfill(long requested, long retried) {
    }
}
