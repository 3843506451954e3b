package dev.roster.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneTest {

    @ParameterizedTest
    @ValueSource(strings = {"+12", "+4930123456", "+442071234567", "+123456789012345"})
    void acceptsAPlusAndTwoToFifteenDigits(String number) {
        assertThat(new Phone(number).value()).isEqualTo(number);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'  +4930123456  '|+4930123456",
            "'\t+4930123456\n'|+4930123456"})
    void trimsSurroundingWhitespace(String given, String stored) {
        assertThat(new Phone(given).value()).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "+",
            "+1",
            "4930123456",
            "004930123456",
            "+04930123456",
            "+1234567890123456",
            "++4930123456",
            "+49 30 123456",
            "+49-30-123456",
            "+49(30)123456",
            "+4930123456x12",
            "+49301234a6",
            "+\u0664\u0669\u0663\u0660\u0661\u0662"})
    void rejectsAnythingElse(String number) {
        assertThatThrownBy(() -> new Phone(number))
                .isInstanceOfSatisfying(InvalidUserDataException.class, e -> assertThat(e.field()).isEqualTo("phone"));
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> new Phone(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringNeverRevealsTheNumber() {
        assertThat(new Phone("+4930987654").toString()).doesNotContain("4930987654", "987654");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4930987654", "+49 30 987654", "+4930987654999999"})
    void rejectionMessagesNeverRevealTheNumber(String number) {
        InvalidUserDataException e = catchThrowableOfType(InvalidUserDataException.class, () -> new Phone(number));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain("987654");
    }

    @Nested
    class FromStorage {
        @Test
        void isTheSameValueAsTheValidatedNumber() {
            assertThat(Phone.fromStorage("+441234567890")).isEqualTo(new Phone(" +441234567890"));
            assertThat(Phone.fromStorage("+441234567890").hashCode()).isEqualTo(new Phone("+441234567890").hashCode());
        }
    }
}
