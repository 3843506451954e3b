package dev.roster.application.port.in.erasure;

import dev.roster.application.model.erasure.ErasureReceipt;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ReapplyErasureUseCase#reapply} found and did: the new receipt when it erased the user again, and whether
 * it lifted a legal hold to do so.
 */
public record ReapplyOutcome(Kind kind, Optional<ErasureReceipt> receipt, boolean legalHoldLifted) {
    public enum Kind {
        /** The user was present and not erased: erased again now. */
        REAPPLIED,
        /** The database shows the user erased already. */
        ALREADY_ERASED,
        /** No such user in the database (never restored, or purged): nothing is created. */
        NOT_FOUND
    }

    public ReapplyOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(receipt, "receipt");
        if (receipt.isPresent() != (kind == Kind.REAPPLIED) || legalHoldLifted && kind != Kind.REAPPLIED) {
            throw new IllegalArgumentException("a receipt and a lifted hold go with REAPPLIED only");
        }
    }

    public static ReapplyOutcome reapplied(ErasureReceipt receipt, boolean legalHoldLifted) {
        return new ReapplyOutcome(Kind.REAPPLIED, Optional.of(receipt), legalHoldLifted);
    }

    public static ReapplyOutcome alreadyErased() {
        return new ReapplyOutcome(Kind.ALREADY_ERASED, Optional.empty(), false);
    }

    public static ReapplyOutcome notFound() {
        return new ReapplyOutcome(Kind.NOT_FOUND, Optional.empty(), false);
    }
}
