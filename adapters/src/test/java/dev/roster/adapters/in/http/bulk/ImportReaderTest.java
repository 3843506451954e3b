package dev.roster.adapters.in.http.bulk;

import dev.roster.adapters.in.http.common.JsonBodies;
import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.adapters.in.http.problem.Problem;
import dev.roster.application.port.in.bulk.ImportError;
import dev.roster.application.port.in.bulk.ImportInputException;
import dev.roster.application.port.in.bulk.ImportRow;
import dev.roster.application.port.in.bulk.ImportedUser;
import dev.roster.domain.user.Role;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportReaderTest {
    private static final long NO_LIMIT = Long.MAX_VALUE;
    /** The application's mapper configuration: a member the API does not know is an error (application.yml). */
    private static final ObjectMapper.CloseableObjectMapper JSON =
            ObjectMapper.create(Map.of("micronaut.serde.deserialization.ignore-unknown", false));
    private static final JsonBodies BODIES = new JsonBodies(JSON);

    @AfterAll
    static void closeMapper() {
        JSON.close();
    }

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<ImportRow> drain(Iterator<ImportRow> rows) {
        List<ImportRow> all = new ArrayList<>();
        rows.forEachRemaining(all::add);
        return all;
    }

    /** Creating the reader may already read (and fail), so a failure test goes through both creating and iterating. */
    private static List<ImportRow> readAll(Supplier<Iterator<ImportRow>> reader) {
        return drain(reader.get());
    }

    private static List<ImportRow> csv(String text) {
        return drain(ImportReader.csv(utf8(text), NO_LIMIT, JSON));
    }

    private static List<ImportRow> ndjson(String text) {
        return drain(ImportReader.ndjson(utf8(text), NO_LIMIT, BODIES));
    }

    private static ImportedUser user(ImportRow row) {
        assertThat(row.errors()).as("errors of the row on line %d", row.line()).isEmpty();
        return row.user().orElseThrow();
    }

    private static ImportError onlyError(ImportRow row) {
        assertThat(row.user()).as("user of the row on line %d", row.line()).isEmpty();
        assertThat(row.errors()).hasSize(1);
        return row.errors().get(0);
    }

    private static String displayName(ImportRow row) {
        return user(row).displayName().orElseThrow().value();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Nested
    class CsvHeader {
        @Test
        void mapsCellsOntoTheHeaderInAnyColumnOrder() {
            List<ImportRow> rows = csv("phone,displayName,email\n+442079460000,Ada Lovelace,ada@example.org\n");

            ImportedUser ada = user(rows.get(0));
            assertThat(ada.email().value()).isEqualTo("ada@example.org");
            assertThat(ada.displayName().orElseThrow().value()).isEqualTo("Ada Lovelace");
            assertThat(ada.phone().orElseThrow().value()).isEqualTo("+442079460000");
        }

        @Test
        void ignoresAUtf8ByteOrderMarkBeforeTheHeader() {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] body = concat(bom, "email,displayName\nada@example.org,Ada\n".getBytes(StandardCharsets.UTF_8));

            List<ImportRow> rows = drain(ImportReader.csv(new ByteArrayInputStream(body), NO_LIMIT, JSON));

            assertThat(rows).singleElement().satisfies(row -> assertThat(user(row).email().value()).isEqualTo("ada@example.org"));
        }

        @Test
        void ignoresAByteOrderMarkBeforeAQuotedHeader() {
            List<ImportRow> rows = csv("\uFEFF\"email\",\"displayName\"\nada@example.org,Ada\n");

            assertThat(rows).singleElement().satisfies(row -> assertThat(user(row).email().value()).isEqualTo("ada@example.org"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"email,nickname\n", "email,displayName,email\n", "displayName,phone\n"})
        void refusesAHeaderWithAnUnknownOrRepeatedColumnOrWithoutEmailBeforeReadingAnyRow(String header) {
            // the refusal comes from creating the reader: there is no iterator, so no row can have been read
            assertThatThrownBy(() -> ImportReader.csv(utf8(header + "ada@example.org,Ada\n"), NO_LIMIT, JSON))
                    .isInstanceOfSatisfying(InvalidRequestException.class, refused ->
                            assertThat(refused.errors()).extracting(Problem.FieldError::field).containsOnly("header"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "\n", "\r\n"})
        void refusesAnEmptyBody(String body) {
            assertThatThrownBy(() -> ImportReader.csv(utf8(body), NO_LIMIT, JSON))
                    .isInstanceOfSatisfying(InvalidRequestException.class, refused ->
                            assertThat(refused.errors()).extracting(Problem.FieldError::field).containsExactly("body"));
        }
    }

    @Nested
    class CsvRecords {
        @Test
        void readsQuotedCellsWithCommasDoubledQuotesAndEmbeddedLineBreaks() {
            List<ImportRow> rows = csv("email,displayName,attributes\n"
                    + "ada@example.org,\"Lovelace, \"\"Ada\"\"\",\"{\n  \"\"note\"\": \"\"a, b\"\"\n}\"\n");

            ImportedUser ada = user(rows.get(0));
            assertThat(ada.displayName().orElseThrow().value()).isEqualTo("Lovelace, \"Ada\"");
            assertThat(ada.attributes().orElseThrow().asMap()).containsExactly(Map.entry("note", "a, b"));
        }

        @Test
        void keepsNonAsciiText() {
            List<ImportRow> rows = csv("email,displayName,attributes\n"
                    + "zoe@example.org,Zoë Ødegård,\"{\"\"city\"\":\"\"東京\"\"}\"\n");

            ImportedUser zoe = user(rows.get(0));
            assertThat(zoe.displayName().orElseThrow().value()).isEqualTo("Zoë Ødegård");
            assertThat(zoe.attributes().orElseThrow().asMap()).containsExactly(Map.entry("city", "東京"));
        }

        @Test
        void numbersEachRowWithThePhysicalLineOnWhichItsRecordStarts() {
            List<ImportRow> rows = csv("email,attributes\r\n"
                    + "a@example.org,{}\r\n"
                    + "b@example.org,\"{\r\n"
                    + "\"\"team\"\": \"\"blue\"\"\r\n"
                    + "}\"\r\n"
                    + "c@example.org,\r\n");

            assertThat(rows).extracting(ImportRow::line).containsExactly(2L, 3L, 6L);
            assertThat(rows).extracting(row -> user(row).email().value())
                    .containsExactly("a@example.org", "b@example.org", "c@example.org");
        }

        @Test
        void skipsBlankLinesButCountsThemInTheNumbering() {
            List<ImportRow> rows = csv("email\n\na@example.org\n\n\nb@example.org\n\n");

            assertThat(rows).extracting(ImportRow::line).containsExactly(3L, 6L);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ada@example.org", "ada@example.org,Ada,extra"})
        void aRowWithTheWrongNumberOfCellsIsAnInvalidRowOnFieldRowWithItsLine(String record) {
            List<ImportRow> rows = csv("email,displayName\nbob@example.org,Bob\n" + record + "\n");

            assertThat(rows).hasSize(2);
            ImportError error = onlyError(rows.get(1));
            assertThat(error.field()).isEqualTo("row");
            assertThat(error.line()).isEqualTo(3);
            assertThat(rows.get(1).line()).isEqualTo(3);
        }

        @Test
        void anInvalidEmailIsAnInvalidRowOnFieldEmail() {
            List<ImportRow> rows = csv("email,displayName\nnot-an-email,Ada\nbob@example.org,Bob\n");

            assertThat(onlyError(rows.get(0)).field()).isEqualTo("email");
            assertThat(rows.get(0).line()).isEqualTo(2);
            assertThat(user(rows.get(1)).email().value()).isEqualTo("bob@example.org"); // the next row is read on
        }

        @Test
        void anEmptyCellMeansTheValueIsAbsent() {
            List<ImportRow> rows = csv("email,displayName,phone,attributes,roles,passwordHash,createdAt\n"
                    + "ada@example.org,,,,,,\n");

            ImportedUser ada = user(rows.get(0));
            assertThat(ada.displayName()).isEmpty();
            assertThat(ada.phone()).isEmpty();
            assertThat(ada.attributes()).isEmpty();
            assertThat(ada.roles()).isEmpty();
            assertThat(ada.passwordHash()).isEmpty();
            assertThat(ada.createdAt()).isEmpty();
        }

        @Test
        void anEmptyEmailCellIsAnInvalidRowOnFieldEmail() {
            List<ImportRow> rows = csv("email,displayName\n,Ada\n");

            assertThat(onlyError(rows.get(0)).field()).isEqualTo("email");
        }
    }

    @Nested
    class CsvValues {
        @Test
        void readsTheAttributesCellAsAJsonObject() {
            List<ImportRow> rows = csv("email,attributes\nada@example.org,\"{\"\"team\"\":\"\"blue\"\",\"\"floor\"\":\"\"3\"\"}\"\n");

            assertThat(user(rows.get(0)).attributes().orElseThrow().asMap())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("team", "blue", "floor", "3"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"[\"\"team\"\"]", "team=blue", "{\"\"team\"\":"})
        void anAttributesCellThatIsNotAJsonObjectIsAnInvalidRowOnFieldAttributes(String cell) {
            List<ImportRow> rows = csv("email,attributes\nada@example.org,\"" + cell + "\"\n");

            assertThat(onlyError(rows.get(0)).field()).isEqualTo("attributes");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"[\"\"AUDITOR\"\",\"\"ADMIN\"\"]\"", "\"AUDITOR,ADMIN\"", "AUDITOR;admin", "\"AUDITOR, ADMIN\""})
        void readsRolesAsAJsonArrayOrAsACommaList(String cell) {
            List<ImportRow> rows = csv("email,roles\nada@example.org," + cell + "\n");

            assertThat(user(rows.get(0)).roles()).contains(Set.of(Role.USER, Role.AUDITOR, Role.ADMIN));
        }

        @Test
        void anUnknownRoleIsAnInvalidRowOnFieldRoles() {
            List<ImportRow> rows = csv("email,roles\nada@example.org,\"USER,OWNER\"\n");

            assertThat(onlyError(rows.get(0)).field()).isEqualTo("roles");
        }

        @ParameterizedTest
        @ValueSource(strings = {"=SUM(A1)", "+1+1", "-2+3", "@SUM(A1)"})
        void dropsTheApostropheTheExportPutsBeforeAFormulaCharacter(String value) {
            List<ImportRow> rows = csv("email,displayName\nada@example.org,'" + value + "\n");

            assertThat(displayName(rows.get(0))).isEqualTo(value);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\uFEFF=SUM(A1)", "\u00A0\u200B+1", "\uFF1DSUM(A1)", "\u2060\uFF20SUM(A1)"})
        void dropsTheApostropheTheExportPutsBeforeAHiddenOrFullwidthFormulaCharacter(String value) {
            List<ImportRow> rows = csv("email,displayName\nada@example.org,'" + value + "\n");

            assertThat(displayName(rows.get(0))).isEqualTo(value);
        }

        @Test
        void aNeutralisedPhoneNumberRoundTrips() {
            List<ImportRow> rows = csv("email,phone\nada@example.org,'+442079460000\n");

            assertThat(user(rows.get(0)).phone().orElseThrow().value()).isEqualTo("+442079460000");
        }

        @ParameterizedTest
        @ValueSource(strings = {"'Ada", "'42", "''=SUM(A1)", "'", "O'Brien"})
        void keepsAnApostropheBeforeAnyOtherCharacter(String value) {
            List<ImportRow> rows = csv("email,displayName\nada@example.org," + value + "\n");

            assertThat(displayName(rows.get(0))).isEqualTo(value);
        }
    }

    @Nested
    class Ndjson {
        @Test
        void readsEachObjectAsAValidRowNumberedByItsLineCountingBlankLines() {
            List<ImportRow> rows = ndjson("{\"email\":\"ada@example.org\",\"displayName\":\"Zoë Ødegård\",\"roles\":[\"ADMIN\"]}\n"
                    + "\n"
                    + "   \n"
                    + "{\"email\":\"bob@example.org\",\"attributes\":{\"city\":\"東京\"}}\r\n");

            assertThat(rows).extracting(ImportRow::line).containsExactly(1L, 4L);
            ImportedUser ada = user(rows.get(0));
            assertThat(ada.email().value()).isEqualTo("ada@example.org");
            assertThat(ada.displayName().orElseThrow().value()).isEqualTo("Zoë Ødegård");
            assertThat(ada.roles()).contains(Set.of(Role.USER, Role.ADMIN));
            assertThat(ada.phone()).isEmpty();
            assertThat(user(rows.get(1)).attributes().orElseThrow().asMap()).containsExactly(Map.entry("city", "東京"));
        }

        @Test
        void anUnknownMemberIsAnInvalidRowNamingThatMember() {
            List<ImportRow> rows = ndjson("{\"email\":\"ada@example.org\",\"nickname\":\"Ada\"}\n");

            ImportError error = onlyError(rows.get(0));
            assertThat(error.field()).isEqualTo("nickname");
            assertThat(error.line()).isEqualTo(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[{\"email\":\"ada@example.org\"}]", "email=ada@example.org", "{\"email\":", "\"ada@example.org\"",
                "42", "null"})
        void aLineThatIsNotOneJsonObjectIsAnInvalidRowOnFieldLine(String line) {
            List<ImportRow> rows = ndjson("{\"email\":\"bob@example.org\"}\n" + line + "\n");

            assertThat(rows).hasSize(2);
            ImportError error = onlyError(rows.get(1));
            assertThat(error.field()).isEqualTo("line");
            assertThat(error.line()).isEqualTo(2);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"email\":\"ada@example.org\"} x", "{\"email\":\"ada@example.org\"}{\"email\":\"bob@example.org\"}"})
        void trailingGarbageAfterAnObjectIsAnInvalidRow(String line) {
            List<ImportRow> rows = ndjson(line + "\n");

            assertThat(onlyError(rows.get(0)).field()).isEqualTo("line");
        }

        @Test
        void anInvalidValueIsAnInvalidRowOnItsField() {
            List<ImportRow> rows = ndjson("{\"email\":\"not-an-email\"}\n{\"email\":\"ada@example.org\",\"phone\":\"12\"}\n");

            assertThat(onlyError(rows.get(0)).field()).isEqualTo("email");
            assertThat(onlyError(rows.get(1)).field()).isEqualTo("phone");
        }

        @Test
        void anEmptyBodyHasNoRows() {
            assertThat(ndjson("")).isEmpty();
        }
    }

    @Nested
    class InputFailures {
        private static final String MANY_ROWS = "email\n" + "someone@example.org\n".repeat(2_000);

        @Test
        void aCsvBodyLargerThanTheLimitIsTooLarge() {
            byte[] body = MANY_ROWS.getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> readAll(() -> ImportReader.csv(new ByteArrayInputStream(body), body.length - 1, JSON)))
                    .isInstanceOfSatisfying(ImportInputException.class, e -> assertThat(e.tooLarge()).isTrue());
        }

        @Test
        void anNdjsonBodyLargerThanTheLimitIsTooLarge() {
            byte[] body = "{\"email\":\"someone@example.org\"}\n".repeat(2_000).getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> readAll(() -> ImportReader.ndjson(new ByteArrayInputStream(body), body.length - 1, BODIES)))
                    .isInstanceOfSatisfying(ImportInputException.class, e -> assertThat(e.tooLarge()).isTrue());
        }

        @Test
        void aBodyOfExactlyTheLimitIsRead() {
            byte[] body = MANY_ROWS.getBytes(StandardCharsets.UTF_8);

            assertThat(drain(ImportReader.csv(new ByteArrayInputStream(body), body.length, JSON))).hasSize(2_000);
        }

        @Test
        void aBodyTooLargeAlreadyInItsFirstBytesIsTooLarge() {
            assertThatThrownBy(() -> readAll(() -> ImportReader.csv(utf8("email\nada@example.org\n"), 3, JSON)))
                    .isInstanceOfSatisfying(ImportInputException.class, e -> assertThat(e.tooLarge()).isTrue());
        }

        @Test
        void invalidUtf8NearTheStartIsAnInputFailureThatIsNotTooLarge() {
            byte[] body = concat("email,displayName\nada@example.org,Ad".getBytes(StandardCharsets.UTF_8),
                    new byte[]{(byte) 0xC3, (byte) 0x28}, "\n".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> readAll(() -> ImportReader.csv(new ByteArrayInputStream(body), NO_LIMIT, JSON)))
                    .isInstanceOfSatisfying(ImportInputException.class, e -> assertThat(e.tooLarge()).isFalse());
        }

        @Test
        void invalidUtf8FarIntoTheBodyIsAnInputFailureWhileIterating() {
            byte[] body = concat(MANY_ROWS.repeat(5).replace("\nemail\n", "\n").getBytes(StandardCharsets.UTF_8),
                    new byte[]{(byte) 0xFF}, "\n".getBytes(StandardCharsets.UTF_8));
            Iterator<ImportRow> rows = ImportReader.csv(new ByteArrayInputStream(body), NO_LIMIT, JSON);

            assertThat(rows.next().line()).isEqualTo(2);
            assertThatThrownBy(() -> drain(rows))
                    .isInstanceOfSatisfying(ImportInputException.class, e -> {
                        assertThat(e.tooLarge()).isFalse();
                        assertThat(e.line()).isGreaterThan(2);
                    });
        }

        @Test
        void invalidUtf8InNdjsonIsAnInputFailureThatIsNotTooLarge() {
            byte[] body = concat("{\"email\":\"ada@example.org\",\"displayName\":\"".getBytes(StandardCharsets.UTF_8),
                    new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}\n".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> readAll(() -> ImportReader.ndjson(new ByteArrayInputStream(body), NO_LIMIT, BODIES)))
                    .isInstanceOfSatisfying(ImportInputException.class, e -> assertThat(e.tooLarge()).isFalse());
        }

        @Test
        void aCsvLineLongerThanTheLineLimitIsAnInputFailure() {
            String body = "email,displayName\nada@example.org," + "x".repeat(ImportReader.MAX_LINE_CHARS) + "\n";

            assertThatThrownBy(() -> readAll(() -> ImportReader.csv(utf8(body), NO_LIMIT, JSON)))
                    .isInstanceOfSatisfying(ImportInputException.class, e -> assertThat(e.tooLarge()).isFalse());
        }

        @Test
        void anNdjsonLineLongerThanTheLineLimitIsAnInputFailure() {
            String body = "{\"email\":\"ada@example.org\",\"displayName\":\"" + "x".repeat(ImportReader.MAX_LINE_CHARS) + "\"}\n";

            assertThatThrownBy(() -> readAll(() -> ImportReader.ndjson(utf8(body), NO_LIMIT, BODIES)))
                    .isInstanceOfSatisfying(ImportInputException.class, e -> assertThat(e.tooLarge()).isFalse());
        }

        @Test
        void aLineOfExactlyTheLineLimitIsARow() {
            String record = "ada@example.org,";
            String body = "email,displayName\n" + record + "x".repeat(ImportReader.MAX_LINE_CHARS - record.length()) + "\n";

            List<ImportRow> rows = csv(body);

            assertThat(rows).singleElement().satisfies(row -> assertThat(onlyError(row).field()).isEqualTo("displayName"));
        }

        @Test
        void anUnterminatedQuoteAtTheEndIsAnInputFailure() {
            Iterator<ImportRow> rows = ImportReader.csv(utf8("email,displayName\nada@example.org,Ada\nbob@example.org,\"Bob\n"),
                    NO_LIMIT, JSON);

            assertThat(user(rows.next()).email().value()).isEqualTo("ada@example.org");
            assertThatThrownBy(rows::hasNext)
                    .isInstanceOfSatisfying(ImportInputException.class, e -> {
                        assertThat(e.tooLarge()).isFalse();
                        assertThat(e.line()).isEqualTo(3);
                    });
        }

        @Test
        void aQuotedRecordSpanningTooManyLinesIsAnInputFailure() {
            String body = "email,displayName\nada@example.org,\"" + "x\n".repeat(500) + "\"\n";

            assertThatThrownBy(() -> readAll(() -> ImportReader.csv(utf8(body), NO_LIMIT, JSON)))
                    .isInstanceOfSatisfying(ImportInputException.class, e -> assertThat(e.tooLarge()).isFalse());
        }
    }

    @Nested
    class Streaming {
        private static final int ROWS = 200_000;

        /** A CSV body made up while it is read: the whole of it never exists at once. */
        private static final class GeneratedCsv extends InputStream {
            private final int rows;
            private int nextRow;
            private byte[] pending = "email\n".getBytes(StandardCharsets.UTF_8);
            private int position;
            private long produced;

            GeneratedCsv(int rows) {
                this.rows = rows;
            }

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                int n = 0;
                while (n < length) {
                    if (position == pending.length) {
                        if (nextRow == rows) {
                            break;
                        }
                        nextRow++;
                        pending = ("user" + nextRow + "@example.org\n").getBytes(StandardCharsets.US_ASCII);
                        position = 0;
                    }
                    int chunk = Math.min(length - n, pending.length - position);
                    System.arraycopy(pending, position, buffer, offset + n, chunk);
                    position += chunk;
                    n += chunk;
                }
                produced += n;
                return n == 0 && length > 0 ? -1 : n;
            }
        }

        @Test
        void readsAGeneratedBodyOfTwoHundredThousandRows() {
            Iterator<ImportRow> rows = ImportReader.csv(new GeneratedCsv(ROWS), NO_LIMIT, JSON);
            long count = 0;
            long invalid = 0;
            long lastLine = 0;
            while (rows.hasNext()) {
                ImportRow row = rows.next();
                count++;
                invalid += row.errors().isEmpty() ? 0 : 1;
                lastLine = row.line();
            }

            assertThat(count).isEqualTo(ROWS);
            assertThat(invalid).isZero();
            assertThat(lastLine).isEqualTo(ROWS + 1);
        }

        @Test
        void theFirstRowArrivesAfterReadingOnlyTheStartOfTheBody() {
            GeneratedCsv body = new GeneratedCsv(ROWS);
            Iterator<ImportRow> rows = ImportReader.csv(body, NO_LIMIT, JSON);

            assertThat(user(rows.next()).email().value()).isEqualTo("user1@example.org");
            assertThat(body.produced).isLessThan(64 * 1024);
            assertThat(body.nextRow).isLessThan(ROWS / 10);
        }
    }
}
