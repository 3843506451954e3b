package dev.roster.application.port.out.privacy;

import java.util.List;

/**
 * What reading the erasure ledger found: its whole entries in file order (a user may appear more than once: a
 * replayed erasure is recorded with its new receipt) and how many lines were not valid entries and were skipped (a
 * line cut short by a crash mid-write, or damage).
 */
public record LedgerContents(List<LedgerEntry> entries, int skippedLines) {
    public LedgerContents {
        entries = List.copyOf(entries);
        if (skippedLines < 0) {
            throw new IllegalArgumentException("skippedLines must not be negative");
        }
    }

    public static LedgerContents empty() {
        return new LedgerContents(List.of(), 0);
    }
}
