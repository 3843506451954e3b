package dev.roster.adapters.in.http.bulk;

import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.bulk.ExportField;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserStatus;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UserExportWriterTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static UserView user(String email, String displayName, String phone, Map<String, String> attributes) {
        return new UserView(UUID.fromString("019b76da-a800-7000-8000-000000000001"), email, displayName, phone, attributes,
                Set.of(Role.USER), UserStatus.ACTIVE, true, false, AT, AT, null, null, null, 0, false, null, false);
    }

    private static String csv(List<ExportField> fields, UserView... users) {
        UserExportWriter writer = new UserExportWriter(UserExportWriter.Format.CSV, fields, JSON);
        return new String(writer.start(), StandardCharsets.UTF_8) + new String(writer.page(List.of(users)), StandardCharsets.UTF_8)
                + new String(writer.end(), StandardCharsets.UTF_8);
    }

    @Test
    void writesAHeaderOfTheChosenFieldNamesThenOneRecordPerUser() {
        String text = csv(List.of(ExportField.EMAIL, ExportField.STATUS), user("ada@example.org", null, null, Map.of()));

        assertThat(text).isEqualTo("email,status\r\nada@example.org,ACTIVE\r\n");
    }

    @Test
    void quotesCommasQuotesAndLineBreaksAsRfc4180Says() {
        String text = csv(List.of(ExportField.DISPLAY_NAME, ExportField.ATTRIBUTES),
                user("ada@example.org", "Lovelace, \"Ada\"", null, Map.of("note", "line one\nline two")));

        assertThat(text).endsWith("\"Lovelace, \"\"Ada\"\"\",\"{\"\"note\"\":\"\"line one\\nline two\"\"}\"\r\n");
    }

    @Test
    void keepsNonAsciiTextAsUtf8() {
        byte[] bytes = new UserExportWriter(UserExportWriter.Format.CSV, List.of(ExportField.DISPLAY_NAME), JSON)
                .page(List.of(user("a@example.org", "Zoë Ångström 李", null, Map.of())));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("Zoë Ångström 李\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"})
    void neutralisesCellsThatASpreadsheetWouldRunAsFormulas(String dangerous) {
        assertThat(UserExportWriter.neutralise(dangerous)).isEqualTo("'" + dangerous);
        assertThat(csv(List.of(ExportField.DISPLAY_NAME), user("a@example.org", dangerous.strip().isEmpty() ? "x" : dangerous, null, Map.of())))
                .contains("'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uFEFF=cmd|' /C calc'!A0", "\u200B=1+1", "\u200C+1", "\u200D-1", "\u2060@SUM(A1)", "\u00A0=1+1",
            "\u00A0\u200B\uFEFF=1", "\u200B\tTab", "\uFF1D1+1", "\uFF0B1", "\uFF0D1", "\uFF20SUM(A1)", "\uFEFF\uFF1DSUM(A1)"})
    void neutralisesATriggerBehindAnInvisiblePrefixAndFullwidthTriggers(String dangerous) {
        assertThat(UserExportWriter.neutralise(dangerous)).isEqualTo("'" + dangerous);
        assertThat(csv(List.of(ExportField.DISPLAY_NAME), user("a@example.org", dangerous, null, Map.of())))
                .isEqualTo("displayName\r\n'" + dangerous + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00A0Ada", "\uFEFF", "\u200B\u00A0", "Ada\uFF1D1", "\u2003=1", "x\u200B=1"})
    void leavesInvisiblePrefixesWithoutATriggerAlone(String cell) {
        assertThat(UserExportWriter.neutralise(cell)).isEqualTo(cell);
    }

    @Test
    void jsonAndNdjsonEscapeTheUnicodeLineAndParagraphSeparators() {
        UserView user = user("a@example.org", "one\u2028two\u2029three", null, Map.of("note", "x\u2028y"));
        for (UserExportWriter.Format format : List.of(UserExportWriter.Format.JSON, UserExportWriter.Format.NDJSON)) {
            String text = new String(new UserExportWriter(format, List.of(ExportField.DISPLAY_NAME, ExportField.ATTRIBUTES), JSON)
                    .page(List.of(user)), StandardCharsets.UTF_8);

            assertThat(text).as("%s", format).doesNotContain("\u2028", "\u2029")
                    .contains("\"one\\u2028two\\u2029three\"", "\"x\\u2028y\"");
        }
    }

    @Test
    void leavesOrdinaryCellsAlone() {
        assertThat(UserExportWriter.neutralise("Ada")).isEqualTo("Ada");
        assertThat(UserExportWriter.neutralise("")).isEmpty();
        assertThat(UserExportWriter.neutralise(null)).isNull();
    }

    @Test
    void jsonIsOneArrayAcrossPagesAndNdjsonOneObjectPerLine() {
        UserExportWriter json = new UserExportWriter(UserExportWriter.Format.JSON, List.of(ExportField.EMAIL), JSON);
        String array = new String(json.start(), StandardCharsets.UTF_8)
                + new String(json.page(List.of(user("a@example.org", null, null, Map.of()))), StandardCharsets.UTF_8)
                + new String(json.page(List.of(user("b@example.org", null, null, Map.of()))), StandardCharsets.UTF_8)
                + new String(json.end(), StandardCharsets.UTF_8);
        UserExportWriter ndjson = new UserExportWriter(UserExportWriter.Format.NDJSON, List.of(ExportField.EMAIL, ExportField.ACTIVE), JSON);
        String lines = new String(ndjson.page(List.of(user("a@example.org", null, null, Map.of()), user("b@example.org", null, null, Map.of()))),
                StandardCharsets.UTF_8);

        assertThat(array).isEqualTo("[{\"email\":\"a@example.org\"},{\"email\":\"b@example.org\"}]");
        assertThat(lines).isEqualTo("{\"email\":\"a@example.org\",\"active\":true}\n{\"email\":\"b@example.org\",\"active\":true}\n");
    }
}
