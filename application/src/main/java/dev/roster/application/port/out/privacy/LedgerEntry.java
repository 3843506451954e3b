package dev.roster.application.port.out.privacy;

import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One erasure as the erasure ledger records it: whose, when, and the receipt that proves it. No personal data: the
 * ledger lives outside the database and outside its erasure.
 */
public record LedgerEntry(UserId userId, Instant erasedAt, UUID receiptId) {
    public LedgerEntry {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(erasedAt, "erasedAt");
        Objects.requireNonNull(receiptId, "receiptId");
    }
}
