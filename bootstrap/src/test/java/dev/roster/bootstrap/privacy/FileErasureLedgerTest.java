package dev.roster.bootstrap.privacy;

import dev.roster.adapters.out.privacy.FileErasureLedger;
import dev.roster.application.port.out.privacy.ErasureLedger;
import dev.roster.application.port.out.privacy.ErasureLedgerContract;
import dev.roster.application.port.out.privacy.ErasureLedgerUnavailableException;
import dev.roster.application.port.out.privacy.LedgerContents;
import dev.roster.application.port.out.privacy.LedgerEntry;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link ErasureLedger} contract against the NDJSON file, and what only a file can go through: lines cut short by
 * a crash, damage, a file replaced under a running writer, a missing directory, and the format itself.
 */
class FileErasureLedgerTest extends ErasureLedgerContract {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @TempDir
    Path directory;
    private Path file;
    private FileErasureLedger ledger;

    @BeforeEach
    void aLedgerThatDoesNotExistYet() {
        file = directory.resolve("ledger").resolve("erasure-ledger.ndjson");
        ledger = new FileErasureLedger(file, JSON);
    }

    @Override
    protected ErasureLedger ledger() {
        return ledger;
    }

    @Override
    protected ErasureLedger anotherWriter() {
        return new FileErasureLedger(file, JSON);
    }

    private String text() throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private void write(String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String lineOf(int n) {
        LedgerEntry entry = entry(n);
        return "{\"userId\":\"" + entry.userId().value() + "\",\"erasedAt\":\"" + entry.erasedAt() + "\",\"receiptId\":\""
                + entry.receiptId() + "\"}\n";
    }

    @Nested
    class TheFormat {
        @Test
        void isOneJsonObjectPerLineWithTheUserTheTimeAndTheReceiptOnly() throws IOException {
            ledger.append(List.of(entry(1), entry(2)));

            assertThat(text()).isEqualTo(lineOf(1) + lineOf(2));
        }

        @Test
        void createsTheDirectoryItIsIn() {
            ledger.append(List.of(entry(1)));

            assertThat(Files.isRegularFile(file)).isTrue();
        }

        @Test
        void readsEntriesWithMembersInAnyOrderAndMembersItDoesNotKnow() throws IOException {
            LedgerEntry entry = entry(1);
            write("{\"receiptId\":\"" + entry.receiptId() + "\",\"note\":\"from a later version\",\"erasedAt\":\"" + entry.erasedAt()
                    + "\",\"userId\":\"" + entry.userId().value() + "\"}\n");

            assertThat(ledger.read()).isEqualTo(new LedgerContents(List.of(entry), 0));
        }

        @Test
        void survivesANewInstanceAsAnotherProcessOrARestartWouldOpenIt() {
            ledger.append(List.of(entry(1), entry(2)));

            FileErasureLedger reopened = new FileErasureLedger(file, JSON);

            assertThat(reopened.read().entries()).containsExactly(entry(1), entry(2));
            assertThat(reopened.append(List.of(entry(2), entry(3)))).isEqualTo(1);
        }
    }

    @Nested
    class DamagedLines {
        @Test
        void aLastLineACrashCutShortIsSkippedAndCounted() throws IOException {
            write(lineOf(1) + lineOf(2).substring(0, 40));

            LedgerContents contents = ledger.read();

            assertThat(contents.entries()).containsExactly(entry(1));
            assertThat(contents.skippedLines()).isEqualTo(1);
        }

        @Test
        void theNextAppendAfterACutLineStartsOnALineOfItsOwnAndTheCutLineStaysSkipped() throws IOException {
            write(lineOf(1) + lineOf(2).substring(0, 40));

            ledger.append(List.of(entry(3)));

            assertThat(text()).isEqualTo(lineOf(1) + lineOf(2).substring(0, 40) + "\n" + lineOf(3));
            assertThat(ledger.read()).isEqualTo(new LedgerContents(List.of(entry(1), entry(3)), 1));
        }

        @Test
        void aWholeEntryWithoutItsLineBreakIsReadAndNotWrittenAgain() throws IOException {
            write(lineOf(1) + lineOf(2).strip());

            assertThat(ledger.read()).isEqualTo(new LedgerContents(List.of(entry(1), entry(2)), 0));
            assertThat(ledger.append(List.of(entry(2), entry(3)))).isEqualTo(1);
            assertThat(ledger.read()).isEqualTo(new LedgerContents(List.of(entry(1), entry(2), entry(3)), 0));
        }

        @Test
        void damageInTheMiddleIsSkippedAndCountedAndTheEntriesAfterItAreRead() throws IOException {
            write(lineOf(1) + "garbage\n" + "{\"userId\":\"not-a-uuid\",\"erasedAt\":\"2026-01-01T00:00:00Z\",\"receiptId\":\""
                    + entry(9).receiptId() + "\"}\n" + "{\"userId\":\"" + entry(8).userId().value()
                    + "\",\"erasedAt\":\"yesterday\",\"receiptId\":\"" + entry(8).receiptId() + "\"}\n"
                    + "{\"userId\":\"1-2-3-4-5\",\"erasedAt\":\"2026-01-01T00:00:00Z\",\"receiptId\":\"" + entry(7).receiptId() + "\"}\n"
                    + "[1,2]\n" + "\u0000\u00ff\n" + "x".repeat(FileErasureLedger.MAX_LINE_BYTES * 3) + "\n" + lineOf(2));

            LedgerContents contents = ledger.read();

            assertThat(contents.entries()).containsExactly(entry(1), entry(2));
            assertThat(contents.skippedLines()).isEqualTo(7);
        }

        @Test
        void blankLinesAreNeitherEntriesNorDamage() throws IOException {
            write("\n" + lineOf(1) + "   \n\n" + lineOf(2));

            assertThat(ledger.read()).isEqualTo(new LedgerContents(List.of(entry(1), entry(2)), 0));
        }

        @Test
        void aDamagedLineHidesNoReceiptFromTheDuplicateCheck() throws IOException {
            write("garbage\n" + lineOf(1));

            assertThat(ledger.append(List.of(entry(1)))).isZero();
        }
    }

    @Nested
    class UnderAWriter {
        @Test
        void aFileReplacedOrTruncatedUnderARunningWriterIsReadAgain() throws IOException {
            ledger.append(List.of(entry(1), entry(2)));
            Files.delete(file);
            write(lineOf(3)); // an operator put an older copy back

            assertThat(ledger.append(List.of(entry(1), entry(3)))).isEqualTo(1);
            assertThat(ledger.read().entries()).containsExactly(entry(3), entry(1));
        }

        @Test
        void aLedgerThatCannotBeReadOrWrittenSaysSo() throws IOException {
            Files.createDirectories(file); // a directory where the file should be

            assertThatThrownBy(() -> ledger.read()).isInstanceOf(ErasureLedgerUnavailableException.class);
            assertThatThrownBy(() -> ledger.append(List.of(entry(1)))).isInstanceOf(ErasureLedgerUnavailableException.class);
        }
    }
}
