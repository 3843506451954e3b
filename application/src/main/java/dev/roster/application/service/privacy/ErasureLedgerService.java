package dev.roster.application.service.privacy;

import dev.roster.application.port.in.erasure.ReapplyErasureUseCase;
import dev.roster.application.port.in.erasure.ReapplyOutcome;
import dev.roster.application.port.in.privacy.LedgerReplayReport;
import dev.roster.application.port.in.privacy.RecordErasuresUseCase;
import dev.roster.application.port.in.privacy.ReplayErasureLedgerUseCase;
import dev.roster.application.port.out.privacy.ErasureLedger;
import dev.roster.application.port.out.privacy.LedgerContents;
import dev.roster.application.port.out.privacy.LedgerEntry;
import dev.roster.domain.user.UserId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The replay of the erasure ledger (ADR 0021): reads it and re-applies, user by user, each erasure the database no
 * longer shows, one transaction per user (a failure stops the replay but keeps what was done), then records the new
 * erasures in the ledger. One replay at a time in this process; on several instances the erasure's lock lets one
 * re-apply a user and the others find it erased.
 */
public final class ErasureLedgerService implements ReplayErasureLedgerUseCase {
    private final ErasureLedger ledger;
    private final ReapplyErasureUseCase erasure;
    private final RecordErasuresUseCase recorder;

    public ErasureLedgerService(ErasureLedger ledger, ReapplyErasureUseCase erasure, RecordErasuresUseCase recorder) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.erasure = Objects.requireNonNull(erasure, "erasure");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    @Override
    public synchronized LedgerReplayReport replay() {
        LedgerContents contents = ledger.read();
        // a user listed more than once (an erasure and its replays) is re-applied once, naming its latest receipt
        Map<UserId, LedgerEntry> latest = new LinkedHashMap<>();
        for (LedgerEntry entry : contents.entries()) {
            latest.remove(entry.userId());
            latest.put(entry.userId(), entry);
        }
        int alreadyErased = 0;
        int reErased = 0;
        int notFound = 0;
        int holdsLifted = 0;
        try {
            for (LedgerEntry entry : latest.values()) {
                ReapplyOutcome outcome = erasure.reapply(entry.userId(), entry.receiptId());
                switch (outcome.kind()) {
                    case ALREADY_ERASED -> alreadyErased++;
                    case NOT_FOUND -> notFound++;
                    case REAPPLIED -> {
                        reErased++;
                        if (outcome.legalHoldLifted()) {
                            holdsLifted++;
                        }
                    }
                }
            }
        } finally {
            if (reErased > 0) {
                recorder.recordCommitted(); // the new receipts, on disk before the report is
            }
        }
        return new LedgerReplayReport(contents.entries().size(), contents.skippedLines(), latest.size(), alreadyErased,
                reErased, notFound, holdsLifted);
    }
}
