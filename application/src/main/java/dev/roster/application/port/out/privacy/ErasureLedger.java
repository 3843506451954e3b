package dev.roster.application.port.out.privacy;

import java.util.List;

/**
 * The erasure ledger (SPEC §8, ADR 0021): an append-only record of every erasure, kept <em>outside</em> the database so
 * that it survives the restore of an older backup, which would bring erased people back. It takes no part in database
 * transactions: entries are appended after the erasures they record have committed.
 *
 * <p>Contract: the ledger holds each receipt at most once, whichever writer (thread or process) appended it; an
 * appended entry is durable (on stable storage) when {@link #append} returns; entries are never changed or removed. A
 * line that is not a whole entry (a crash cut it short) is skipped on reading, never fatal, and never swallows the
 * entries after it.
 */
public interface ErasureLedger {

    /**
     * Every whole entry, in the order appended, and the count of lines skipped. A ledger that does not exist yet is
     * empty.
     *
     * @throws ErasureLedgerUnavailableException when it exists but cannot be read
     */
    LedgerContents read();

    /**
     * Appends, in this order, the entries whose receipt the ledger does not hold yet (including entries other
     * processes appended meanwhile) and returns how many it wrote; durable on return.
     *
     * @throws ErasureLedgerUnavailableException when it cannot be written; nothing is known to be durable then
     */
    int append(List<LedgerEntry> entries);
}
