package dev.roster.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayNameTest {
    private static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 chars

    @ParameterizedTest
    @ValueSource(strings = {"A", "Ada Lovelace", "Zoë Ångström", "O'Brien-Smith", "李小龍", "Ada \uD83D\uDE00"})
    void acceptsNamesOfOneToTwoHundredCharacters(String name) {
        assertThat(new DisplayName(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'  Ada Lovelace  '|Ada Lovelace",
            "'\tAda\n'|Ada",
            "'\u2003Ada\u2003'|Ada"})
    void trimsSurroundingWhitespace(String given, String stored) {
        assertThat(new DisplayName(given).value()).isEqualTo(stored);
    }

    @Test
    void acceptsExactlyTwoHundredCharacters() {
        assertThat(new DisplayName("a".repeat(DisplayName.MAX_LENGTH)).value()).hasSize(200);
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        String name = EMOJI.repeat(200);

        assertThat(new DisplayName(name).value()).isEqualTo(name);
        assertThatThrownBy(() -> new DisplayName(EMOJI.repeat(201))).isInstanceOf(InvalidUserDataException.class);
    }

    @Test
    void rejectsTwoHundredAndOneCharacters() {
        assertThatThrownBy(() -> new DisplayName("a".repeat(201)))
                .isInstanceOfSatisfying(InvalidUserDataException.class,
                        e -> assertThat(e.field()).isEqualTo("displayName"))
                .hasMessageContaining("200");
    }

    @Test
    void appliesTheLimitAfterTrimming() {
        assertThat(new DisplayName("  " + "a".repeat(200) + "  ").value()).hasSize(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   \t\n  ", "\u2003"})
    void rejectsBlankNames(String name) {
        assertThatThrownBy(() -> new DisplayName(name))
                .isInstanceOfSatisfying(InvalidUserDataException.class,
                        e -> assertThat(e.field()).isEqualTo("displayName"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\u0000Lovelace", "Ada\nLovelace", "Ada\tLovelace", "Ada\u0007", "Ada\u007FLovelace",
            "Ada\u0085Lovelace"})
    void rejectsControlCharacters(String name) {
        assertThatThrownBy(() -> new DisplayName(name))
                .isInstanceOfSatisfying(InvalidUserDataException.class,
                        e -> assertThat(e.field()).isEqualTo("displayName"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\uD800", "\uDC00Ada", "Ada\uD83D Lovelace", "Ada\uDE00\uD83D"})
    void rejectsUnpairedSurrogates(String name) {
        assertThatThrownBy(() -> new DisplayName(name))
                .isInstanceOfSatisfying(InvalidUserDataException.class,
                        e -> assertThat(e.field()).isEqualTo("displayName"))
                .hasMessageContaining("unpaired surrogates");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> new DisplayName(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringNeverRevealsTheName() {
        assertThat(new DisplayName("Jane Secret").toString()).doesNotContain("Jane", "Secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jane\u0000Secret", "JaneSecretJaneSecretJaneSecretJaneSecretJaneSecretJaneSecretJaneSecret"
            + "JaneSecretJaneSecretJaneSecretJaneSecretJaneSecretJaneSecretJaneSecretJaneSecretJaneSecretJaneSecret"
            + "JaneSecretJaneSecretJaneSecretJaneSecretJaneSecret"})
    void rejectionMessagesNeverRevealTheName(String name) {
        InvalidUserDataException e = catchThrowableOfType(InvalidUserDataException.class, () -> new DisplayName(name));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain("Jane", "Secret");
    }

    @Nested
    class FromStorage {
        @Test
        void isTheSameValueAsTheValidatedName() {
            assertThat(DisplayName.fromStorage("Ada Lovelace")).isEqualTo(new DisplayName("  Ada Lovelace "));
            assertThat(DisplayName.fromStorage("Ada Lovelace").toString()).doesNotContain("Ada");
        }
    }
}
