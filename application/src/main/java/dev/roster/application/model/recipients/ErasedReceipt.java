package dev.roster.application.model.recipients;

import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An erasure as recipients are told of it: the receipt, whose data was erased, and when. */
public record ErasedReceipt(UUID receiptId, UserId userId, Instant erasedAt) {
    public ErasedReceipt {
        Objects.requireNonNull(receiptId, "receiptId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(erasedAt, "erasedAt");
    }
}
