package dev.roster.adapters.in.http.bulk;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.bulk.ExportField;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns pages of users into bytes of one export format: CSV (opencsv, RFC 4180 quoting, UTF-8, a header row of the
 * field names, cells that a spreadsheet would run as a formula neutralised with a leading apostrophe, as OWASP
 * recommends), NDJSON (one object per line) or JSON (one array; in both, U+2028 and U+2029 are written escaped).
 * Stateless apart from the format's framing.
 */
public final class UserExportWriter {
    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();
    /** Cells starting with these are formulas to spreadsheet programs (OWASP CSV injection). */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** The fullwidth forms of = + - @, which spreadsheet programs may fold to the ASCII ones. */
    private static final String FULLWIDTH_FORMULA_STARTS = "\uFF1D\uFF0B\uFF0D\uFF20";
    /**
     * Characters a spreadsheet program may drop or skip before it looks for a formula: byte-order mark, zero-width
     * space, non-joiner and joiner, word joiner, no-break space. A trigger behind any run of them is a formula too.
     */
    private static final String IGNORABLE_PREFIX = "\uFEFF\u200B\u200C\u200D\u2060\u00A0";

    public enum Format {
        CSV("text/csv; charset=utf-8", "csv"), NDJSON("application/x-ndjson", "ndjson"), JSON("application/json", "json");

        private final String contentType;
        private final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public String contentType() {
            return contentType;
        }

        public String extension() {
            return extension;
        }

        public static Format parse(String text) {
            return Format.valueOf(text.strip().toUpperCase(Locale.ROOT));
        }
    }

    private final Format format;
    private final List<ExportField> fields;
    private final JsonMapper json;
    private boolean firstItem = true;

    public UserExportWriter(Format format, List<ExportField> fields, JsonMapper json) {
        this.format = format;
        this.fields = List.copyOf(fields);
        this.json = json;
    }

    /** What comes before the first row: the CSV header, or the JSON array's opening bracket. */
    public byte[] start() {
        return switch (format) {
            case CSV -> csv(fields.stream().map(ExportField::fieldName).toArray(String[]::new));
            case JSON -> "[".getBytes(StandardCharsets.UTF_8);
            case NDJSON -> new byte[0];
        };
    }

    public byte[] page(List<UserView> users) {
        if (format == Format.CSV) {
            return csvPage(users);
        }
        StringBuilder text = new StringBuilder();
        for (UserView user : users) {
            switch (format) {
                case CSV -> throw new IllegalStateException("written by csvPage");
                case NDJSON -> text.append(object(user)).append('\n');
                case JSON -> {
                    text.append(firstItem ? "" : ",").append(object(user));
                    firstItem = false;
                }
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** What comes after the last row. */
    public byte[] end() {
        return format == Format.JSON ? "]".getBytes(StandardCharsets.UTF_8) : new byte[0];
    }

    /** A CSV cell, neutralised when a spreadsheet would read it as a formula. */
    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        return startsLikeFormula(cell) ? "'" + cell : cell;
    }

    /**
     * Whether a spreadsheet program could take the cell for a formula: its first character, after any run of
     * {@link #IGNORABLE_PREFIX} characters, is one of {@code = + - @}, TAB, CR or a fullwidth {@code ＝ ＋ － ＠}.
     */
    static boolean startsLikeFormula(String cell) {
        int i = 0;
        while (i < cell.length() && IGNORABLE_PREFIX.indexOf(cell.charAt(i)) >= 0) {
            i++;
        }
        if (i == cell.length()) {
            return false;
        }
        char first = cell.charAt(i);
        return FORMULA_STARTS.indexOf(first) >= 0 || FULLWIDTH_FORMULA_STARTS.indexOf(first) >= 0;
    }

    /**
     * JSON text with U+2028 and U+2029 escaped: valid JSON either way, but JavaScript before ES2019 and many line
     * readers take them for line ends, which would split an NDJSON record. Jackson writes them raw, and only ever
     * inside strings, so replacing them in the text is exact.
     */
    static String escapeLineSeparators(String json) {
        if (json.indexOf('\u2028') < 0 && json.indexOf('\u2029') < 0) {
            return json;
        }
        return json.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /** A page of CSV rows through one writer (a writer per row cost a third of the export's time). */
    private byte[] csvPage(List<UserView> users) {
        StringWriter out = new StringWriter(users.size() * 200);
        try (CSVWriter writer = new CSVWriter(out, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                ICSVWriter.DEFAULT_QUOTE_CHARACTER, "\r\n")) {
            String[] cells = new String[fields.size()];
            for (UserView user : users) {
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = neutralise(cell(user, fields.get(i)));
                }
                writer.writeNext(cells, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] csv(String[] cells) {
        StringWriter out = new StringWriter();
        try (CSVWriter writer = new CSVWriter(out, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                ICSVWriter.DEFAULT_QUOTE_CHARACTER, "\r\n")) {
            String[] safe = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                safe[i] = neutralise(cells[i]);
            }
            writer.writeNext(safe, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String cell(UserView user, ExportField field) {
        if (field == ExportField.ROLES) { // role names need no JSON escaping
            return user.roles().isEmpty() ? "[]"
                    : user.roles().stream().map(Enum::name).sorted().collect(Collectors.joining("\",\"", "[\"", "\"]"));
        }
        if (field == ExportField.ATTRIBUTES) {
            return attributesJson(user.attributes());
        }
        Object value = value(user, field);
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return json.writeValueAsString(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return value.toString();
    }

    /** A JSON object of strings, keys sorted, with Jackson's string escaping (cheaper than a mapper per cell). */
    private static String attributesJson(Map<String, String> attributes) {
        if (attributes.isEmpty()) {
            return "{}";
        }
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> attribute : new TreeMap<>(attributes).entrySet()) {
            json.append(json.length() > 1 ? ",\"" : "\"");
            ESCAPER.quoteAsString(attribute.getKey(), json);
            json.append("\":\"");
            ESCAPER.quoteAsString(attribute.getValue(), json);
            json.append('"');
        }
        return json.append('}').toString();
    }

    private String object(UserView user) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (ExportField field : fields) {
            Object value = value(user, field);
            object.put(field.fieldName(), value instanceof Instant instant ? instant.toString() : value);
        }
        try {
            return escapeLineSeparators(json.writeValueAsString(object));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object value(UserView user, ExportField field) {
        return switch (field) {
            case ID -> user.id().toString();
            case EMAIL -> user.email();
            case DISPLAY_NAME -> user.displayName();
            case PHONE -> user.phone();
            case ATTRIBUTES -> new TreeMap<>(user.attributes());
            case ROLES -> user.roles().stream().map(Enum::name).sorted().toList();
            case STATUS -> user.status().name();
            case ACTIVE -> user.active();
            case HAS_PASSWORD -> user.hasPassword();
            case CREATED_AT -> user.createdAt();
            case UPDATED_AT -> user.updatedAt();
            case LAST_LOGIN_AT -> user.lastLoginAt();
            case DELETED_AT -> user.deletedAt();
            case ANONYMIZED_AT -> user.anonymizedAt();
            case VERSION -> user.version();
        };
    }
}
