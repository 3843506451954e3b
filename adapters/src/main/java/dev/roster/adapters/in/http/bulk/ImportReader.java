package dev.roster.adapters.in.http.bulk;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.common.Roles;
import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.adapters.in.http.problem.MalformedJsonException;
import dev.roster.adapters.in.http.problem.Problem;
import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.port.in.bulk.ImportInputException;
import dev.roster.application.port.in.bulk.ImportRow;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads an import body one record at a time, never the whole body: CSV (RFC 4180, UTF-8, a header row naming the
 * columns) or NDJSON (one JSON object per line). Whatever stops the reading (more bytes than allowed, not UTF-8, an
 * unterminated quote, an over-long line) is an {@link ImportInputException} naming the line; a record that can be
 * read but not accepted is an invalid {@link ImportRow}. Blank lines are skipped.
 */
final class ImportReader {
    /** The longest line (in characters) a record may have: a user is a few hundred bytes; this stops runaway lines. */
    static final int MAX_LINE_CHARS = 64 * 1024;
    /** Physical lines one quoted CSV record may span. */
    private static final int MAX_RECORD_LINES = 100;

    private ImportReader() {
    }

    /**
     * Reads the CSV header at once, so that a header naming unknown or repeated columns is refused (400) before any
     * row is applied.
     */
    static Iterator<ImportRow> csv(InputStream body, long maxBytes, JsonMapper json) {
        return new CsvRows(text(body, maxBytes), json);
    }

    static Iterator<ImportRow> ndjson(InputStream body, long maxBytes, JsonBodies json) {
        return new NdjsonRows(text(body, maxBytes), json);
    }

    private static LineReader text(InputStream body, long maxBytes) {
        Reader utf8 = new InputStreamReader(new CheckedInputStream(body, maxBytes), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        return new LineReader(utf8);
    }

    /** What every kind of input failure becomes, at the line where reading stopped. */
    private static ImportInputException unreadable(long line, Exception cause) {
        if (cause instanceof ImportInputException known) {
            return known.line() > 0 ? known : new ImportInputException(line, known.getMessage(), known.tooLarge());
        }
        if (cause instanceof CharacterCodingException) {
            return new ImportInputException(line, "The body is not valid UTF-8.", false);
        }
        return new ImportInputException(line, "The body cannot be read as " + "this format from here on (for CSV: an "
                + "unterminated quoted field or a record spanning more than " + MAX_RECORD_LINES + " lines).", false);
    }

    /** Rows one at a time: {@link #readRow()} gives the next non-blank record's row, or null at the end. */
    private abstract static class Rows implements Iterator<ImportRow> {
        private ImportRow next;
        private boolean done;

        abstract ImportRow readRow();

        @Override
        public final boolean hasNext() {
            if (next == null && !done) {
                next = readRow();
                done = next == null;
            }
            return next != null;
        }

        @Override
        public final ImportRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ImportRow row = next;
            next = null;
            return row;
        }
    }

    /** CSV records after the header, each mapped onto the header's columns. */
    private static final class CsvRows extends Rows {
        private final CSVReader csv;
        private final LineReader lines;
        private final JsonMapper json;
        private final List<String> header;

        CsvRows(LineReader lines, JsonMapper json) {
            this.lines = lines;
            this.json = json;
            this.csv = new CSVReaderBuilder(lines).withCSVParser(new RFC4180ParserBuilder().build())
                    .withMultilineLimit(MAX_RECORD_LINES).withVerifyReader(false).build();
            this.header = readHeader();
        }

        private List<String> readHeader() {
            String[] cells = read();
            if (cells == null || cells.length == 1 && cells[0].isBlank()) {
                throw InvalidRequestException.of("body", "a CSV import starts with a header row naming its columns, e.g. "
                        + "email,displayName; known columns: " + String.join(", ", ImportRecords.COLUMNS));
            }
            FieldErrors errors = new FieldErrors();
            List<String> names = new ArrayList<>();
            for (int column = 0; column < cells.length; column++) {
                String name = cells[column].strip();
                if (!ImportRecords.COLUMNS.contains(name) && !ImportRecords.EXPORT_ONLY.contains(name)) {
                    errors.add("header", "column " + (column + 1) + " (" + shortened(name) + ") is not a known column; known columns: "
                            + String.join(", ", ImportRecords.COLUMNS) + " (and, ignored, the export's "
                            + String.join(", ", ImportRecords.EXPORT_ONLY) + ")");
                } else if (names.contains(name)) {
                    errors.add("header", "column " + (column + 1) + " (" + name + ") names a column twice");
                }
                names.add(name);
            }
            if (!names.contains("email")) {
                errors.add("header", "must name the column email");
            }
            errors.throwIfAny();
            return List.copyOf(names);
        }

        /** A header cell as an error may quote it: it names a column, but it is the client's text, so it is bounded. */
        private static String shortened(String name) {
            return name.length() <= 40 ? name : name.substring(0, 40) + "…";
        }

        /** The next record's cells, or null at the end. */
        private String[] read() {
            long line = csv.getLinesRead() + 1;
            try {
                return csv.readNext();
            } catch (IOException | CsvException | ImportInputException e) {
                throw unreadable(line, e);
            }
        }

        @Override
        ImportRow readRow() {
            while (true) {
                long line = csv.getLinesRead() + 1;
                String[] cells = read();
                if (cells == null) {
                    return null;
                }
                if (!Arrays.stream(cells).allMatch(String::isEmpty)) {
                    return row(line, cells);
                }
            }
        }

        private ImportRow row(long line, String[] cells) {
            if (cells.length != header.size()) {
                return ImportRecords.invalid(line, "row", "has " + cells.length + " cells; the header has " + header.size());
            }
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < cells.length; i++) {
                if (!cells[i].isEmpty()) {
                    values.put(header.get(i), unneutralise(cells[i]));
                }
            }
            FieldErrors errors = new FieldErrors();
            Map<String, String> attributes = values.containsKey("attributes") ? errors.attemptAs("attributes",
                    () -> attributes(values.get("attributes"))) : null;
            List<String> roles = values.containsKey("roles") ? errors.attemptAs("roles", () -> roles(values.get("roles"))) : null;
            if (!errors.isEmpty()) {
                Problem.FieldError first = errors.list().get(0);
                return ImportRecords.invalid(line, first.field(), first.message());
            }
            return ImportRecords.toRow(line, new ImportRecords.ImportRecord(values.get("email"), values.get("displayName"),
                    values.get("phone"), attributes, roles, values.get("passwordHash"), values.get("createdAt"),
                    null, null, null, null, null, null, null, null, null));
        }

        /** Attributes as the CSV export writes them: a JSON object of strings. */
        private Map<String, String> attributes(String cell) {
            try {
                Map<String, String> parsed = json.readValue(cell, Argument.mapOf(String.class, String.class));
                if (parsed != null) {
                    return parsed;
                }
            } catch (IOException | RuntimeException e) {
                // reported below
            }
            throw new InvalidQueryException("attributes",
                    "must be a JSON object of strings, such as {\"team\":\"blue\"}");
        }

        /** Roles as the CSV export writes them (a JSON array) or as names separated by commas, semicolons or spaces. */
        private List<String> roles(String cell) {
            String text = cell.strip();
            if (text.startsWith("[")) {
                try {
                    List<String> parsed = json.readValue(text, Argument.listOf(String.class));
                    if (parsed != null) {
                        return parsed;
                    }
                } catch (IOException | RuntimeException e) {
                    // reported below
                }
                throw new InvalidQueryException("roles", "must be a JSON array of role names or "
                        + "names separated by commas, such as USER,AUDITOR");
            }
            return Arrays.stream(text.split("[,; ]+")).filter(name -> !name.isEmpty()).toList();
        }

        /**
         * Undoes the export's formula neutralising: an apostrophe before what the export takes for a formula
         * ({@link UserExportWriter#startsLikeFormula}) is dropped.
         */
        private static String unneutralise(String cell) {
            if (cell.length() > 1 && cell.charAt(0) == '\'' && UserExportWriter.startsLikeFormula(cell.substring(1))) {
                return cell.substring(1);
            }
            return cell;
        }
    }

    /** One JSON object per line, bound strictly (unknown members and trailing garbage are row errors). */
    private static final class NdjsonRows extends Rows {
        private static final String MEMBERS = String.join(", ", ImportRecords.COLUMNS);
        private final BufferedReader lines;
        private final JsonBodies json;
        private long line;

        NdjsonRows(LineReader text, JsonBodies json) {
            this.lines = new BufferedReader(text, 8192);
            this.json = json;
        }

        @Override
        ImportRow readRow() {
            while (true) {
                String text;
                try {
                    text = lines.readLine();
                } catch (IOException | ImportInputException e) {
                    throw unreadable(line + 1, e);
                }
                line++;
                if (text == null) {
                    return null;
                }
                if (!text.isBlank()) {
                    return row(line, text);
                }
            }
        }

        private ImportRow row(long at, String text) {
            try {
                return ImportRecords.toRow(at, json.read(text.getBytes(StandardCharsets.UTF_8), ImportRecords.ImportRecord.class));
            } catch (InvalidRequestException refused) {
                Problem.FieldError first = refused.errors().get(0);
                if ("body".equals(first.field())) {
                    return ImportRecords.invalid(at, "line", "is not a JSON object with the members " + MEMBERS);
                }
                return JsonBodies.UNKNOWN_FIELD.equals(first.message())
                        ? ImportRecords.invalid(at, first.field(), "is not a known member; known: " + MEMBERS)
                        : ImportRecords.invalid(at, first.field(), first.message()); // a wrong JSON type
            } catch (MalformedJsonException malformed) {
                return ImportRecords.invalid(at, "line", "is not one JSON object of the import members with string values "
                        + "(attributes an object of strings, roles an array of names)");
            }
        }
    }

    /**
     * The body's bytes as they arrive, checked on the way: at most {@code maxBytes} (a body sent without a
     * Content-Length), and well-formed UTF-8. A failure is raised on the read after the one that met it, so that every
     * byte before the failing one still reaches the parser: the rows before the failing line are read and applied,
     * and the failure names the line it is on (counted here, in bytes, where no decoder reads ahead).
     */
    private static final class CheckedInputStream extends FilterInputStream {
        private final long maxBytes;
        private long count;
        private long line = 1;
        private int continuationBytes;
        private int lowest = 0x80;
        private int highest = 0xBF;
        private ImportInputException failure;

        CheckedInputStream(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (failure != null) {
                throw failure;
            }
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                if (continuationBytes > 0) {
                    throw new ImportInputException(line, "Line " + line + " is not valid UTF-8 (the body ends inside a character).", false);
                }
                return n;
            }
            for (int i = offset; i < offset + n; i++) {
                String problem = check(buffer[i] & 0xFF);
                if (problem != null) {
                    failure = new ImportInputException(line, problem, count > maxBytes);
                    if (i == offset) {
                        throw failure;
                    }
                    return i - offset;
                }
                if (buffer[i] == '\n') {
                    line++;
                }
            }
            return n;
        }

        /** Counts and checks one byte; the reason it is refused, or null. */
        private String check(int b) {
            if (++count > maxBytes) {
                return "The body is larger than the import limit of " + maxBytes + " bytes (reached on line " + line + ").";
            }
            if (continuationBytes > 0) {
                if (b < lowest || b > highest) {
                    return "Line " + line + " is not valid UTF-8.";
                }
                continuationBytes--;
                lowest = 0x80;
                highest = 0xBF;
                return null;
            }
            if (b < 0x80) {
                return null;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                continuationBytes = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                continuationBytes = 2;
                lowest = b == 0xE0 ? 0xA0 : 0x80; // no overlong forms
                highest = b == 0xED ? 0x9F : 0xBF; // no surrogates
            } else if (b >= 0xF0 && b <= 0xF4) {
                continuationBytes = 3;
                lowest = b == 0xF0 ? 0x90 : 0x80;
                highest = b == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
            } else {
                return "Line " + line + " is not valid UTF-8.";
            }
            return null;
        }
    }

    /**
     * Refuses lines longer than {@link #MAX_LINE_CHARS}, so that no single record can fill the memory, and drops a
     * byte-order mark at the start (spreadsheet programs write one), before any parser sees it.
     */
    private static final class LineReader extends Reader {
        private final Reader in;
        private int lineLength;
        private boolean atStart = true;

        LineReader(Reader in) {
            this.in = in;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (atStart && n > 0) {
                atStart = false;
                if (buffer[offset] == '\uFEFF') {
                    if (n == 1) {
                        return read(buffer, offset, length);
                    }
                    System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
                    n--;
                }
            }
            for (int i = offset; i < offset + n; i++) {
                if (buffer[i] == '\n') {
                    lineLength = 0;
                } else if (++lineLength > MAX_LINE_CHARS) {
                    throw new ImportInputException(0, "A line is longer than " + MAX_LINE_CHARS + " characters.", false);
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
