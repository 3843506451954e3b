package dev.roster.application.port.in.recipients;

import dev.roster.application.model.recipients.ErasedReceipt;

import java.util.List;

/**
 * Asks every active recipient about each erasure (one request and one signed delivery per receipt and recipient; none
 * twice). Driven by the change feed: the sequencer's placing transaction calls it with the erasures of the
 * {@code user.anonymized} events it places, so every path that erases (admin, self-service, retention, a privacy
 * request) is covered, and a crash loses nothing. Joins the caller's transaction.
 */
public interface RequestErasuresUseCase {

    /** Returns how many requests were made. */
    int request(List<ErasedReceipt> erasures);
}
