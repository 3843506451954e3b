package dev.roster.application.port.out.privacy;

import dev.roster.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ErasureLedger} must do, run against the in-memory fake and the file adapter: entries read back
 * equal and in the order appended, each receipt at most once whichever writer appended it, and nothing lost or torn
 * when threads append at once. A subclass starts every test with a ledger that does not exist yet.
 */
public abstract class ErasureLedgerContract {
    private static final Instant ERASED = Instant.parse("2026-05-01T09:15:30.123456Z");

    protected abstract ErasureLedger ledger();

    /** Another writer on the same ledger (another instance of the adapter, as another process would hold). */
    protected abstract ErasureLedger anotherWriter();

    @Test
    void aLedgerThatDoesNotExistYetIsEmpty() {
        assertThat(ledger().read()).isEqualTo(LedgerContents.empty());
    }

    @Test
    void readsBackEveryEntryEqualAndInTheOrderAppended() {
        List<LedgerEntry> first = List.of(entry(1), entry(2));
        List<LedgerEntry> second = List.of(entry(3));

        assertThat(ledger().append(first)).isEqualTo(2);
        assertThat(ledger().append(second)).isEqualTo(1);

        assertThat(ledger().read().entries()).containsExactly(entry(1), entry(2), entry(3));
        assertThat(ledger().read().skippedLines()).isZero();
    }

    @Test
    void keepsTheInstantToTheNanosecond() {
        LedgerEntry precise = new LedgerEntry(user(1), Instant.parse("2026-05-01T09:15:30.123456789Z"), receipt(1));

        ledger().append(List.of(precise));

        assertThat(ledger().read().entries()).containsExactly(precise);
    }

    @Test
    void appendsAReceiptItHoldsAlreadyNotAgainAndCountsOnlyWhatItWrote() {
        ledger().append(List.of(entry(1)));

        int written = ledger().append(List.of(entry(1), entry(2), entry(2)));

        assertThat(written).isEqualTo(1);
        assertThat(ledger().read().entries()).containsExactly(entry(1), entry(2));
    }

    @Test
    void aUserMayAppearAgainWithAnotherReceipt() {
        LedgerEntry replayed = new LedgerEntry(user(1), ERASED.plusSeconds(60), receipt(9));

        ledger().append(List.of(entry(1)));
        ledger().append(List.of(replayed));

        assertThat(ledger().read().entries()).containsExactly(entry(1), replayed);
    }

    @Test
    void appendingNothingWritesNothing() {
        assertThat(ledger().append(List.of())).isZero();
        assertThat(ledger().read()).isEqualTo(LedgerContents.empty());
    }

    @Test
    void doesNotRepeatWhatAnotherWriterAppended() {
        ErasureLedger other = anotherWriter();
        other.append(List.of(entry(1), entry(2)));

        int written = ledger().append(List.of(entry(2), entry(3)));

        assertThat(written).isEqualTo(1);
        assertThat(other.read().entries()).containsExactly(entry(1), entry(2), entry(3));
    }

    @Test
    void threadsAppendingAtOnceLoseNothingAndRepeatNothing() throws Exception {
        int threads = 8;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> written = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                ErasureLedger writer = t % 2 == 0 ? ledger() : anotherWriter();
                int offset = t * perThread / 2; // half of each thread's receipts are also another thread's
                written.add(pool.submit(() -> {
                    int sum = 0;
                    for (int i = 0; i < perThread; i++) {
                        sum += writer.append(List.of(entry(offset + i)));
                    }
                    return sum;
                }));
            }
            int total = 0;
            for (Future<Integer> future : written) {
                total += future.get();
            }
            int distinct = (threads - 1) * perThread / 2 + perThread;

            LedgerContents contents = ledger().read();
            assertThat(total).isEqualTo(distinct);
            assertThat(contents.skippedLines()).isZero();
            assertThat(contents.entries()).hasSize(distinct).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    protected static LedgerEntry entry(int n) {
        return new LedgerEntry(user(n), ERASED.plusMillis(n), receipt(n));
    }

    protected static UserId user(int n) {
        return new UserId(UUID.fromString("019b76da-a800-7000-8000-%012d".formatted(n)));
    }

    protected static UUID receipt(int n) {
        return UUID.fromString("019b76da-a800-7000-a000-%012d".formatted(n));
    }
}
