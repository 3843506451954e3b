package dev.roster.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {
    private static final Email EMAIL = new Email("Ada.Lovelace.1815@Example.org");
    /** Folded, as {@link PasswordPolicy}'s constructor expects. */
    private static final Set<String> COMMON = Set.of("correcthorsebatterystaple", "password1234");
    private static final PasswordPolicy POLICY = new PasswordPolicy(COMMON);
    /** A grinning face: one code point, two UTF-16 chars. */
    private static final String EMOJI = "\uD83D\uDE00";

    private static void check(String password) {
        POLICY.check(new PlainPassword(password), EMAIL);
    }

    private static WeakPasswordException rejection(String password) {
        return catchThrowableOfType(() -> check(password), WeakPasswordException.class);
    }

    @Nested
    class Length {
        @Test
        void elevenCharactersAreRejected() {
            assertThatThrownBy(() -> check("abcdefghijk")).isInstanceOf(WeakPasswordException.class)
                    .hasMessage("must be at least 12 characters long");
        }

        @Test
        void twelveCharactersAreAccepted() {
            assertThatCode(() -> check("abcdefghijkl")).doesNotThrowAnyException();
        }

        @Test
        void oneHundredTwentyEightCharactersAreAccepted() {
            assertThatCode(() -> check("x".repeat(PasswordPolicy.MAX_LENGTH))).doesNotThrowAnyException();
        }

        @Test
        void oneHundredTwentyNineCharactersAreRejected() {
            assertThatThrownBy(() -> check("x".repeat(PasswordPolicy.MAX_LENGTH + 1)))
                    .isInstanceOf(WeakPasswordException.class)
                    .hasMessage("must be at most 128 characters long");
        }

        @Test
        void countsCodePointsSoAnEmojiIsOneCharacter() {
            assertThat(EMOJI.length()).isEqualTo(2);

            // 11 emoji are 22 chars but 11 characters; 128 emoji are 256 chars but 128 characters
            assertThatThrownBy(() -> check(EMOJI.repeat(11))).isInstanceOf(WeakPasswordException.class)
                    .hasMessageContaining("at least");
            assertThatCode(() -> check(EMOJI.repeat(12))).doesNotThrowAnyException();
            assertThatCode(() -> check(EMOJI.repeat(128))).doesNotThrowAnyException();
            assertThatThrownBy(() -> check(EMOJI.repeat(129))).isInstanceOf(WeakPasswordException.class)
                    .hasMessageContaining("at most");
        }

        @Test
        void hasNoCompositionRules() {
            assertThatCode(() -> check("aaaaaaaaaaaa")).doesNotThrowAnyException();
            assertThatCode(() -> check("            ")).doesNotThrowAnyException();
        }
    }

    @Nested
    class EmailOrLocalPart {
        @ParameterizedTest
        @ValueSource(strings = {"Ada.Lovelace.1815@Example.org", "ada.lovelace.1815@example.org",
                "ADA.LOVELACE.1815@EXAMPLE.ORG", "aDa.LoVeLaCe.1815@eXaMpLe.OrG"})
        void theEmailInAnyCaseIsRejected(String password) {
            assertThatThrownBy(() -> check(password)).isInstanceOf(WeakPasswordException.class)
                    .hasMessage("must not be the account's email address");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Ada.Lovelace.1815", "ada.lovelace.1815", "ADA.LOVELACE.1815"})
        void theLocalPartInAnyCaseIsRejected(String password) {
            assertThatThrownBy(() -> check(password)).isInstanceOf(WeakPasswordException.class)
                    .hasMessage("must not be the account's email address");
        }

        @Test
        void comparesByTheCaseFoldSoSharpSEqualsDoubleS() {
            Email email = new Email("straße.am.see@example.org");

            assertThatThrownBy(() -> POLICY.check(new PlainPassword("STRASSE.AM.SEE"), email))
                    .isInstanceOf(WeakPasswordException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ada.lovelace.1815@example.org!", "my ada.lovelace.1815", "example.org-ada", "Example.org!"})
        void aPasswordThatOnlyContainsOrOverlapsTheEmailIsAccepted(String password) {
            assertThatCode(() -> check(password)).doesNotThrowAnyException();
        }
    }

    @Nested
    class CommonPassword {
        @ParameterizedTest
        @ValueSource(strings = {"correcthorsebatterystaple", "CorrectHorseBatteryStaple", "CORRECTHORSEBATTERYSTAPLE",
                "Password1234"})
        void aCommonPasswordIsRejectedInAnyCase(String password) {
            assertThatThrownBy(() -> check(password)).isInstanceOf(WeakPasswordException.class)
                    .hasMessage("is one of the most commonly used passwords");
        }

        @Test
        void aPasswordNotInTheListIsAccepted() {
            assertThatCode(() -> check("correct horse battery staple")).doesNotThrowAnyException();
        }

        @Test
        void anEmptyListRejectsNothingOnThatGround() {
            assertThatCode(() -> new PasswordPolicy(Set.of()).check(new PlainPassword("password1234"), EMAIL))
                    .doesNotThrowAnyException();
        }

        @Test
        void theListIsCopied() {
            HashSet<String> mutable = new HashSet<>(Set.of("tobeaddedlater"));
            PasswordPolicy policy = new PasswordPolicy(mutable);
            mutable.add("correcthorsebatterystaple");

            assertThatCode(() -> policy.check(new PlainPassword("correcthorsebatterystaple"), EMAIL))
                    .doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdefghijk", "ADA.LOVELACE.1815", "Ada.Lovelace.1815@Example.org", "CorrectHorseBatteryStaple",
            "x\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00"})
    void messagesNeverContainThePasswordOrTheEmail(String password) {
        WeakPasswordException e = rejection(password);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContainIgnoringCase(password)
                .doesNotContainIgnoringCase("lovelace")
                .doesNotContainIgnoringCase("example");
        assertThat(e.toString()).doesNotContainIgnoringCase(password);
    }

    @Test
    void aLongRejectedPasswordDoesNotLeakEither() {
        String password = "secret-" + "y".repeat(200);

        assertThat(rejection(password).getMessage()).doesNotContain("secret").doesNotContain("yyy");
    }

    @Test
    void aNullListIsRefused() {
        assertThatThrownBy(() -> new PasswordPolicy(null)).isInstanceOf(NullPointerException.class);
    }
}
