package dev.roster.application.fakes;

import dev.roster.application.port.out.privacy.ErasureLedger;
import dev.roster.application.port.out.privacy.ErasureLedgerUnavailableException;
import dev.roster.application.port.out.privacy.LedgerContents;
import dev.roster.application.port.out.privacy.LedgerEntry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@link ErasureLedger} as a list. It is <em>not</em> part of an {@link InMemoryUserStore}'s transactions, as the
 * file is not part of the database's: a rollback or a restored backup of the store leaves it as it is. Tests can make
 * it fail ({@link #failFromNowOn}) and add lines that are not entries ({@link #addDamagedLine}).
 */
public final class InMemoryErasureLedger implements ErasureLedger {
    // Guarded by this.
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final Set<UUID> receipts = new HashSet<>();
    private int damagedLines;
    private boolean failing;
    private int appendCalls;

    @Override
    public synchronized LedgerContents read() {
        if (failing) {
            throw new ErasureLedgerUnavailableException("the erasure ledger cannot be read (test)");
        }
        return new LedgerContents(entries, damagedLines);
    }

    @Override
    public synchronized int append(List<LedgerEntry> appended) {
        appendCalls++;
        if (failing) {
            throw new ErasureLedgerUnavailableException("the erasure ledger cannot be written (test)");
        }
        int written = 0;
        for (LedgerEntry entry : List.copyOf(appended)) {
            if (receipts.add(entry.receiptId())) {
                entries.add(entry);
                written++;
            }
        }
        return written;
    }

    /** Every entry, in order; for assertions. */
    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    /** A line a crash cut short: read() skips and counts it. */
    public synchronized void addDamagedLine() {
        damagedLines++;
    }

    public synchronized void failFromNowOn(boolean fail) {
        failing = fail;
    }

    /** How often append was called, written or not. */
    public synchronized int appendCalls() {
        return appendCalls;
    }
}
