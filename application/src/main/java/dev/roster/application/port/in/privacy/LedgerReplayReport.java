package dev.roster.application.port.in.privacy;

/**
 * What a ledger replay did. {@code users} = {@code alreadyErased} + {@code reErased} + {@code notFound}: the distinct
 * users among the {@code entriesRead} whole entries. {@code legalHoldsLifted} counts the re-erased users whose legal
 * hold (restored with them, or placed since) was lifted by the replay (ADR 0021). {@code skippedLines}: lines of
 * the ledger that were not whole entries.
 */
public record LedgerReplayReport(int entriesRead, int skippedLines, int users, int alreadyErased, int reErased,
                                 int notFound, int legalHoldsLifted) {
    public LedgerReplayReport {
        if (entriesRead < 0 || skippedLines < 0 || alreadyErased < 0 || reErased < 0 || notFound < 0 || legalHoldsLifted < 0
                || users != alreadyErased + reErased + notFound || legalHoldsLifted > reErased) {
            throw new IllegalArgumentException("inconsistent replay counts");
        }
    }
}
