package dev.roster.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTest {

    /** A dotted host name of exactly {@code length} characters, made of labels no longer than 63 (RFC 1035). */
    private static String domainOfLength(int length) {
        StringBuilder domain = new StringBuilder();
        char label = 'a';
        while (length - domain.length() > 64) {
            domain.append(String.valueOf(label++).repeat(63)).append('.');
        }
        int last = length - domain.length() - 4;
        return domain.append("x".repeat(last)).append(".org").toString();
    }

    private static String addressOfLength(int localPartLength, int totalLength) {
        return "l".repeat(localPartLength) + "@" + domainOfLength(totalLength - localPartLength - 1);
    }

    @Nested
    class Accepts {
        @ParameterizedTest
        @ValueSource(strings = {
                "ada@example.org",
                "a@b.co",
                "first.last+tag@sub.example.org",
                "o'brien@example.ie",
                "ÄBC@Example.ORG",
                "用户@例子.中国",
                "ada@xn--bcher-kva.example"})
        void wellFormedAddresses(String address) {
            assertThat(new Email(address).value()).isEqualTo(address);
        }

        @Test
        void trimsSurroundingWhitespace() {
            assertThat(new Email("  \tAda@Example.org \n").value()).isEqualTo("Ada@Example.org");
        }

        @Test
        void keepsTheAddressAsGivenWithoutChangingItsCase() {
            assertThat(new Email("Ada@Example.ORG").value()).isEqualTo("Ada@Example.ORG");
            assertThat(new Email("Ada@Example.ORG")).isNotEqualTo(new Email("ada@example.org"));
        }
    }

    @Nested
    class Rejects {
        @ParameterizedTest
        @ValueSource(strings = {
                "",
                "   ",
                "ada",
                "ada.example.org",
                "@example.org",
                "ada@",
                "ada@@example.org",
                "ada@lovelace@example.org",
                "ada@example",
                "ada@.example.org",
                "ada@example.org.",
                "ada@example..org",
                "ada lovelace@example.org",
                "ada@exam\tple.org",
                "ada\u0000@example.org",
                "ada\u2003x@example.org"})
        void malformedAddresses(String address) {
            assertThatThrownBy(() -> new Email(address))
                    .isInstanceOfSatisfying(InvalidUserDataException.class, e -> assertThat(e.field()).isEqualTo("email"));
        }

        @Test
        void aNullValue() {
            assertThatThrownBy(() -> new Email(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Rfc5321Limits {
        @Test
        void acceptsALocalPartOf64Characters() {
            String address = addressOfLength(64, 100);

            assertThat(new Email(address).value()).isEqualTo(address);
        }

        @Test
        void rejectsALocalPartOf65Characters() {
            String address = addressOfLength(65, 100);

            assertThatThrownBy(() -> new Email(address))
                    .isInstanceOf(InvalidUserDataException.class)
                    .hasMessageContaining("64");
        }

        @Test
        void acceptsAnAddressOf254Characters() {
            String address = addressOfLength(20, 254);
            assertThat(address).hasSize(254);

            assertThat(new Email(address).value()).isEqualTo(address);
        }

        @Test
        void rejectsAnAddressOf255Characters() {
            String address = addressOfLength(20, 255);
            assertThat(address).hasSize(255);

            assertThatThrownBy(() -> new Email(address))
                    .isInstanceOf(InvalidUserDataException.class)
                    .hasMessageContaining("254");
        }

        @Test
        void appliesTheLimitAfterTrimming() {
            String address = addressOfLength(20, 254);

            assertThat(new Email("   " + address + "   ").value()).isEqualTo(address);
        }
    }

    @Nested
    class Canonical {
        @ParameterizedTest
        @CsvSource({
                "ada@example.org, ada@example.org",
                "Ada@Example.ORG, ada@example.org",
                "ÄBC@Example.ORG, äbc@example.org",
                "ÉLODIE@EXEMPLE.FR, élodie@exemple.fr",
                "ÇAĞLAR@ÖRNEK.COM.TR, çağlar@örnek.com.tr",
                "ИВАН@ПРИМЕР.РФ, иван@пример.рф"})
        void isTheUnicodeAwareLowerCase(String address, String canonical) {
            assertThat(new Email(address).canonical()).isEqualTo(canonical);
        }

        @Test
        void isTheSameForAddressesThatDifferOnlyInCase() {
            assertThat(new Email("ÄBC@Example.ORG").canonical()).isEqualTo(new Email("äbc@EXAMPLE.org").canonical());
        }

        @Test
        void doesNotDependOnTheDefaultLocale() {
            Locale original = Locale.getDefault();
            try {
                Locale.setDefault(Locale.forLanguageTag("tr-TR"));

                assertThat(new Email("INFO@EXAMPLE.ORG").canonical()).isEqualTo("info@example.org");
            } finally {
                Locale.setDefault(original);
            }
        }

        @Test
        void isTheSameForGreekAddressesThatDifferOnlyInCase() {
            assertThat(new Email("ΑΣ@EXAMPLE.ORG").canonical()).isEqualTo(new Email("ασ@example.org").canonical());
        }
    }

    @Nested
    class Placeholder {
        private final UserId id = new UserId(UUID.fromString("019b76da-a800-7000-8000-000000000001"));
        private final UserId other = new UserId(UUID.fromString("019b76da-a800-7000-8000-000000000002"));

        @Test
        void isInTheReservedInvalidDomain() {
            Email placeholder = Email.placeholderFor(id);

            assertThat(placeholder.value()).endsWith(".invalid");
            assertThat(placeholder.isPlaceholder()).isTrue();
        }

        @Test
        void isUniquePerUserAndStable() {
            assertThat(Email.placeholderFor(id).canonical()).isNotEqualTo(Email.placeholderFor(other).canonical());
            assertThat(Email.placeholderFor(id)).isEqualTo(Email.placeholderFor(id));
        }

        @Test
        void anOrdinaryAddressIsNotAPlaceholder() {
            assertThat(new Email("ada@example.org").isPlaceholder()).isFalse();
            assertThat(new Email("ada@example.invalid").isPlaceholder()).isFalse();
        }
    }

    @Nested
    class NeverRevealsTheAddress {
        @Test
        void inToString() {
            Email email = new Email("jane.doe.secret@example.org");

            assertThat(email.toString()).doesNotContain("jane", "secret", "example");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "jane.doe.secret",
                "jane.doe.secret@",
                "jane.doe.secret@nowhere",
                "jane doe.secret@nowhere.org",
                "jane.doe.secret@@nowhere.org",
                "jane.doe.secret@nowhere..org"})
        void inTheMessageOfARejection(String address) {
            InvalidUserDataException e = catchThrowableOfType(InvalidUserDataException.class, () -> new Email(address));

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).doesNotContain("jane", "secret", "nowhere");
        }

        @Test
        void inTheMessageOfALengthRejection() {
            String local = "janedoesecret".repeat(5);
            InvalidUserDataException e = catchThrowableOfType(InvalidUserDataException.class,
                    () -> new Email(local + "@nowhere.org"));

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).doesNotContain("janedoesecret", "nowhere");
        }
    }

    @Nested
    class FromStorage {
        @Test
        void isTheSameValueAsTheValidatedAddress() {
            assertThat(Email.fromStorage("Ada.Lovelace@Example.org")).isEqualTo(new Email(" Ada.Lovelace@Example.org "));
            assertThat(Email.fromStorage("Ada.Lovelace@Example.org").canonical()).isEqualTo("ada.lovelace@example.org");
        }

        @Test
        void doesNotCheckAgainWhatStorageHolds() {
            // a value the constructor refuses: fromStorage takes it as stored (a read never fails on stored data)
            assertThatThrownBy(() -> new Email("no-at-sign")).isInstanceOf(InvalidUserDataException.class);
            assertThat(Email.fromStorage("no-at-sign").value()).isEqualTo("no-at-sign");
            assertThat(Email.fromStorage("no-at-sign").toString()).isEqualTo("Email[***]");
        }
    }
}
