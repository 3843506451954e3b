package dev.roster.domain.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredTextTest {
    @Nested
    class SingleLine {
        @ParameterizedTest
        @ValueSource(strings = {"", "plain", " ~", "\u00A0nbsp", "\u00FF", "Zoë 名前", "\uD83D\uDE00", "\uFEFF", "\u2028", "\uFFFF"})
        void acceptsPrintableTextAndPairedSurrogates(String text) {
            assertThat(StoredText.isSingleLine(text)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u0000", "a\u0001", "\t", "\n", "\r", "\u001F", "\u007F", "\u0080", "\u0085", "\u009F",
                "\uD800", "\uDBFF\u0041", "\uDC00", "\uDE00\uD83D", "ok\uD83D"})
        void refusesControlCharactersAndUnpairedSurrogates(String text) {
            assertThat(StoredText.isSingleLine(text)).isFalse();
        }
    }

    @Nested
    class MultiLine {
        @ParameterizedTest
        @ValueSource(strings = {"a\tb", "a\nb", "a\r\nb", "plain"})
        void acceptsTabLineFeedAndCarriageReturn(String text) {
            assertThat(StoredText.isMultiLine(text)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u0000", "\u000B", "\u000C", "\u001B", "\u007F", "\u0085", "\uD800"})
        void refusesEveryOtherControlCharacterAndUnpairedSurrogates(String text) {
            assertThat(StoredText.isMultiLine(text)).isFalse();
        }
    }
}
