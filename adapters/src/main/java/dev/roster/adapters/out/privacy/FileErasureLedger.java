package dev.roster.adapters.out.privacy;

import dev.roster.application.port.out.privacy.ErasureLedger;
import dev.roster.application.port.out.privacy.ErasureLedgerUnavailableException;
import dev.roster.application.port.out.privacy.LedgerContents;
import dev.roster.application.port.out.privacy.LedgerEntry;
import dev.roster.domain.user.UserId;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link ErasureLedger} as an NDJSON file ({@code roster.erasure.ledger-path}, default
 * {@code ./data/erasure-ledger.ndjson}): one JSON object per line, {@code {"userId","erasedAt","receiptId"}}, nothing
 * else (ADR 0021).
 *
 * <p>Writers take an exclusive {@link FileLock} (which other processes respect) and, inside this process, a lock per
 * file (a JVM holds file locks for itself, not per channel). Under it a writer reads what others appended since it
 * last looked, so a receipt is written once; ends a line a crash cut short, so the new line starts whole; writes every
 * new line in one call at the end of the file; and forces it to the device before returning. Readers take a shared
 * lock. A line that is not a whole entry is skipped with a warning that names its number and what is wrong with it,
 * never its content.
 */
@Singleton
public final class FileErasureLedger implements ErasureLedger {
    private static final Logger LOG = LoggerFactory.getLogger(FileErasureLedger.class);
    /** An entry is about 130 bytes: a longer line is damage, read no further into it. */
    public static final int MAX_LINE_BYTES = 4096;
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    private final Path path;
    private final JsonMapper json;
    private final ReentrantLock processLock;
    // Guarded by processLock: the receipts in the file as far as this instance has read it.
    private final Set<UUID> known = new HashSet<>();
    private Object knownFile;
    private long knownLength;

    @Inject
    FileErasureLedger(@Value("${roster.erasure.ledger-path:./data/erasure-ledger.ndjson}") String path, JsonMapper json) {
        this(Path.of(path), json);
    }

    public FileErasureLedger(Path path, JsonMapper json) {
        this.path = path.toAbsolutePath().normalize();
        this.json = Objects.requireNonNull(json, "json");
        this.processLock = IN_PROCESS.computeIfAbsent(this.path, key -> new ReentrantLock());
    }

    /** Where the ledger is (absolute). */
    public Path path() {
        return path;
    }

    @Override
    public LedgerContents read() {
        processLock.lock();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
             FileLock ignored = channel.lock(0, Long.MAX_VALUE, true)) {
            Parsed parsed = parse(channel, 0, true);
            return new LedgerContents(parsed.entries(), parsed.skipped());
        } catch (NoSuchFileException e) {
            return LedgerContents.empty(); // nothing erased yet, or a new installation
        } catch (IOException e) {
            LOG.error("The erasure ledger {} cannot be read: {}", path, e.toString());
            throw new ErasureLedgerUnavailableException("The erasure ledger cannot be read; the server log says why.");
        } finally {
            processLock.unlock();
        }
    }

    @Override
    public int append(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        processLock.lock();
        try {
            Path directory = path.getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
            boolean existed = Files.exists(path);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                catchUpWith(channel);
                ByteArrayOutputStream lines = new ByteArrayOutputStream();
                List<UUID> written = new ArrayList<>();
                for (LedgerEntry entry : entries) {
                    if (!known.contains(entry.receiptId()) && !written.contains(entry.receiptId())) {
                        lines.write(line(entry));
                        written.add(entry.receiptId());
                    }
                }
                if (written.isEmpty()) {
                    return 0;
                }
                long end = channel.size();
                byte[] bytes = endsWithLineBreak(channel, end) ? lines.toByteArray() : withLeadingLineBreak(lines.toByteArray());
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long position = end; // every writer holds the exclusive lock: the end is ours until we release it
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
                channel.force(true); // the new lines and the file's length are on the device before anyone is told
                known.addAll(written);
                knownLength = position;
                if (!existed && directory != null) {
                    forceDirectory(directory); // and the file's name in its directory
                }
                return written.size();
            }
        } catch (IOException e) {
            LOG.error("The erasure ledger {} cannot be written: {}", path, e.toString());
            throw new ErasureLedgerUnavailableException("The erasure ledger cannot be written; the server log says why.");
        } finally {
            processLock.unlock();
        }
    }

    /** Reads into {@link #known} what was appended since this instance last looked (all of it when the file was replaced). */
    private void catchUpWith(FileChannel channel) throws IOException {
        Object file = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        long size = channel.size();
        if (file == null || !file.equals(knownFile) || size < knownLength) {
            known.clear();
            knownLength = 0;
            knownFile = file;
        }
        if (size > knownLength) {
            Parsed parsed = parse(channel, knownLength, false);
            parsed.entries().forEach(entry -> known.add(entry.receiptId()));
            knownLength = parsed.wholeLinesEnd();
        }
    }

    private byte[] line(LedgerEntry entry) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("userId", entry.userId().value().toString());
        object.put("erasedAt", entry.erasedAt().toString());
        object.put("receiptId", entry.receiptId().toString());
        byte[] text = json.writeValueAsBytes(object);
        byte[] line = new byte[text.length + 1];
        System.arraycopy(text, 0, line, 0, text.length);
        line[text.length] = '\n';
        return line;
    }

    private static boolean endsWithLineBreak(FileChannel channel, long size) throws IOException {
        if (size == 0) {
            return true;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) == '\n';
    }

    private static byte[] withLeadingLineBreak(byte[] lines) {
        byte[] bytes = new byte[lines.length + 1];
        bytes[0] = '\n'; // the cut line stays a line of its own (skipped on reading); ours starts whole
        System.arraycopy(lines, 0, bytes, 1, lines.length);
        return bytes;
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open a directory; the entries themselves are forced already
        }
    }

    private record Parsed(List<LedgerEntry> entries, int skipped, long wholeLinesEnd) {
    }

    /**
     * The entries from byte {@code from} on. {@code wholeLinesEnd}: the offset after the last line break (a last line
     * without one is read, and skipped unless it is a whole entry, but a later read sees it again).
     */
    private Parsed parse(FileChannel channel, long from, boolean warn) throws IOException {
        List<LedgerEntry> entries = new ArrayList<>();
        int[] skipped = {0};
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        long lineNumber = 0;
        long position = from;
        long wholeLinesEnd = from;
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (true) {
            buffer.clear();
            int read = channel.read(buffer, position);
            if (read < 0) {
                break;
            }
            for (int i = 0; i < read; i++) {
                byte b = buffer.get(i);
                if (b == '\n') {
                    lineNumber++;
                    accept(line, tooLong, lineNumber, warn && from == 0, entries, skipped);
                    line.reset();
                    tooLong = false;
                    wholeLinesEnd = position + i + 1;
                } else if (!tooLong) {
                    if (line.size() >= MAX_LINE_BYTES) {
                        tooLong = true;
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
            }
            position += read;
        }
        if (line.size() > 0 || tooLong) {
            accept(line, tooLong, lineNumber + 1, warn && from == 0, entries, skipped);
        }
        return new Parsed(entries, skipped[0], wholeLinesEnd);
    }

    private void accept(ByteArrayOutputStream line, boolean tooLong, long lineNumber, boolean warn,
                        List<LedgerEntry> entries, int[] skipped) {
        String problem;
        if (tooLong) {
            problem = "longer than " + MAX_LINE_BYTES + " bytes";
        } else {
            byte[] bytes = line.toByteArray();
            if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                return;
            }
            problem = entryOf(bytes, entries);
            if (problem == null) {
                return;
            }
        }
        skipped[0]++;
        if (warn) {
            // the number and the fault only: a damaged line could hold anything
            LOG.warn("The erasure ledger {}: line {} is not a whole entry ({}); skipped", path, lineNumber, problem);
        }
    }

    /** Adds the line's entry and returns null, or returns what is wrong with it. */
    private String entryOf(byte[] bytes, List<LedgerEntry> entries) {
        Map<String, Object> object;
        try {
            object = json.readValue(bytes, OBJECT);
        } catch (IOException | RuntimeException e) {
            return "not a JSON object";
        }
        if (object == null) {
            return "not a JSON object";
        }
        UUID userId = uuid(object.get("userId"));
        if (userId == null) {
            return "no valid userId";
        }
        UUID receiptId = uuid(object.get("receiptId"));
        if (receiptId == null) {
            return "no valid receiptId";
        }
        Instant erasedAt;
        try {
            erasedAt = object.get("erasedAt") instanceof String text ? Instant.parse(text) : null;
        } catch (DateTimeParseException e) {
            erasedAt = null;
        }
        if (erasedAt == null) {
            return "no valid erasedAt";
        }
        entries.add(new LedgerEntry(new UserId(userId), erasedAt, receiptId));
        return null;
    }

    /** A UUID in its canonical form only (UUID.fromString also takes "1-2-3-4-5"). */
    private static UUID uuid(Object value) {
        if (!(value instanceof String text) || text.length() != 36) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
