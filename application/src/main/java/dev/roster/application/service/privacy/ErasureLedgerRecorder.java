package dev.roster.application.service.privacy;

import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.events.EventFilter;
import dev.roster.application.model.events.StoredChangeEvent;
import dev.roster.application.port.in.privacy.RecordErasuresUseCase;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.ErasureReceiptRepository;
import dev.roster.application.port.out.events.ChangeEventLog;
import dev.roster.application.port.out.events.EventSequencer;
import dev.roster.application.port.out.privacy.ErasureLedger;
import dev.roster.application.port.out.privacy.LedgerEntry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the erasure ledger up to date with the database (ADR 0021). It follows the change feed's
 * {@code user.anonymized} events (each names its receipt) from a cursor kept in memory: every erasure is committed
 * with its event, and the sequencer places committed events in commit order (ADR 0018), so an erasure placed at or
 * below the cursor is in the ledger. The ledger itself drops receipts it holds already, so reading an event twice
 * is harmless.
 *
 * <p>When it starts, and whenever the feed is no longer the one it followed (a database restored under a running
 * instance: the feed's end fell below the cursor, or the event at the cursor is another one), it first appends every
 * receipt the database holds that the ledger lacks (a crash between commit and append, erasures from before the
 * ledger existed, a lost ledger) and then follows the feed from its end. Every appended entry is on disk before
 * {@link #catchUp} returns.
 */
public final class ErasureLedgerRecorder implements RecordErasuresUseCase {
    /** Receipts or events read, and entries appended, at a time. */
    static final int PAGE = 500;
    private static final EventFilter ERASURES = new EventFilter(Set.of(ChangeType.USER_ANONYMIZED), Optional.empty());

    private final ErasureLedger ledger;
    private final ChangeEventLog changes;
    private final EventSequencer sequencer;
    private final ErasureReceiptRepository receipts;
    private final TransactionBoundary transactions;

    // Guarded by this.
    private boolean synced;
    /** Every erasure event at or below this position is in the ledger. */
    private long cursor;
    /** The event at the cursor when it was set: still there at that position iff the feed is the same one. */
    private Optional<StoredChangeEvent> fence = Optional.empty();

    public ErasureLedgerRecorder(ErasureLedger ledger, ChangeEventLog changes, EventSequencer sequencer,
                                 ErasureReceiptRepository receipts, TransactionBoundary transactions) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.sequencer = Objects.requireNonNull(sequencer, "sequencer");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public boolean recordCommitted() {
        try {
            sequencer.linkPending(); // the events of everything committed so far get their place now
            catchUp();
            return true;
        } catch (RuntimeException e) {
            return false; // the next call, or the background catch-up, retries from the same cursor
        }
    }

    /**
     * Appends the erasures placed in the feed since the last call (after reconciling with the stored receipts when
     * starting or when the feed changed under it) and returns how many entries it wrote. Does not ask the sequencer to
     * place pending events: for a loop that runs whenever the sequencer placed some.
     *
     * @throws RuntimeException when the ledger or the database fails; nothing is skipped, the next call retries
     */
    public synchronized int catchUp() {
        int written = 0;
        if (!synced || feedChanged()) {
            written += reconcile();
        }
        while (true) {
            long end = transactions.readOnly(changes::lastPosition);
            List<StoredChangeEvent> page = transactions.readOnly(() -> changes.after(cursor, ERASURES, PAGE));
            written += ledger.append(page.stream().map(ErasureLedgerRecorder::entry).flatMap(Optional::stream).toList());
            if (page.size() < PAGE) {
                // everything at or below end was placed before the page was read, so the page holds all of it
                cursor = page.isEmpty() ? Math.max(cursor, end) : Math.max(end, page.get(page.size() - 1).position());
                break;
            }
            cursor = page.get(page.size() - 1).position();
        }
        fence = eventAt(cursor);
        return written;
    }

    /** The position up to which every erasure is in the ledger (0 before the first catch-up). */
    public synchronized long position() {
        return cursor;
    }

    /** Appends every stored receipt the ledger lacks, then moves the cursor to where the feed ended before. */
    private int reconcile() {
        long end = transactions.readOnly(changes::lastPosition);
        int written = 0;
        Optional<UUID> after = Optional.empty();
        while (true) {
            Optional<UUID> from = after;
            List<ErasureReceipt> page = transactions.readOnly(() -> receipts.page(from, PAGE));
            written += ledger.append(page.stream()
                    .map(receipt -> new LedgerEntry(receipt.userId(), receipt.erasedAt(), receipt.id())).toList());
            if (page.size() < PAGE) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
        // receipts commit with their events: an event at or below end had its receipt stored before the walk began
        cursor = end;
        fence = eventAt(end);
        synced = true;
        return written;
    }

    /**
     * Whether the feed can no longer be followed from the cursor: it is another one, or retention removed events the
     * cursor had not reached (the ledger could not be written for longer than the feed keeps events).
     */
    private boolean feedChanged() {
        long end = transactions.readOnly(changes::lastPosition);
        long pruned = transactions.readOnly(changes::prunedThrough);
        if (end < cursor || pruned > cursor) {
            return true;
        }
        if (fence.isEmpty()) {
            return false;
        }
        StoredChangeEvent known = fence.get();
        if (known.position() <= pruned) {
            return false; // removed by the feed's retention: nothing to compare
        }
        return eventAt(known.position()).map(now -> !now.event().id().equals(known.event().id())).orElse(true);
    }

    private Optional<StoredChangeEvent> eventAt(long position) {
        if (position < 1) {
            return Optional.empty();
        }
        return transactions.readOnly(() -> changes.after(position - 1, EventFilter.ALL, 1)).stream()
                .filter(event -> event.position() == position).findFirst();
    }

    /** The entry of a {@code user.anonymized} event; none when it names no receipt (the reconciliation covers it). */
    private static Optional<LedgerEntry> entry(StoredChangeEvent stored) {
        Object receipt = stored.event().data().get("receiptId");
        if (!(receipt instanceof String text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LedgerEntry(stored.event().userId(), stored.event().occurredAt(), UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
