package dev.roster.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttributesTest {
    private static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 chars

    private static Map<String, String> entries(int count) {
        Map<String, String> entries = new HashMap<>();
        for (int i = 0; i < count; i++) {
            entries.put("key" + i, "value" + i);
        }
        return entries;
    }

    @Nested
    class Of {
        @Test
        void anEmptyMapIsNone() {
            assertThat(Attributes.of(Map.of())).isEqualTo(Attributes.none());
            assertThat(Attributes.none().isEmpty()).isTrue();
            assertThat(Attributes.none().size()).isZero();
        }

        @Test
        void keepsEveryEntrySortedByKey() {
            Map<String, String> given = new LinkedHashMap<>();
            given.put("team", "analytics");
            given.put("city", "London");
            given.put("floor", "3");

            Attributes attributes = Attributes.of(given);

            assertThat(attributes.asMap()).containsExactly(
                    Map.entry("city", "London"), Map.entry("floor", "3"), Map.entry("team", "analytics"));
            assertThat(attributes.size()).isEqualTo(3);
            assertThat(attributes.isEmpty()).isFalse();
        }

        @Test
        void copiesTheGivenMap() {
            Map<String, String> given = new HashMap<>(Map.of("team", "analytics"));

            Attributes attributes = Attributes.of(given);
            given.put("city", "London");

            assertThat(attributes.asMap()).containsOnlyKeys("team");
        }

        @Test
        void exposesAnUnmodifiableMap() {
            assertThat(Attributes.of(Map.of("team", "analytics")).asMap()).isUnmodifiable();
        }

        @Test
        void areEqualWhenTheirEntriesAre() {
            Attributes one = Attributes.of(Map.of("team", "analytics", "city", "London"));
            Attributes two = Attributes.of(new LinkedHashMap<>(Map.of("city", "London", "team", "analytics")));

            assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
            assertThat(one).isNotEqualTo(Attributes.of(Map.of("team", "analytics")));
        }

        @Test
        void acceptsFiftyEntries() {
            assertThat(Attributes.of(entries(Attributes.MAX_ENTRIES)).size()).isEqualTo(50);
        }

        @Test
        void rejectsFiftyOneEntries() {
            assertThatThrownBy(() -> Attributes.of(entries(51)))
                    .isInstanceOfSatisfying(InvalidUserDataException.class,
                            e -> assertThat(e.field()).isEqualTo("attributes"))
                    .hasMessageContaining("50");
        }

        @Test
        void rejectsNull() {
            assertThatThrownBy(() -> Attributes.of(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Keys {
        @ParameterizedTest
        @ValueSource(strings = {"a", "Z", "0", "team", "cost-centre", "org.unit", "employee_no", "A-z_0.9"})
        void acceptsLettersDigitsUnderscoreDotAndDash(String key) {
            assertThat(Attributes.of(Map.of(key, "value")).asMap()).containsOnlyKeys(key);
        }

        @Test
        void acceptsSixtyFourCharacters() {
            String key = "k".repeat(Attributes.MAX_KEY_LENGTH);

            assertThat(Attributes.of(Map.of(key, "value")).asMap()).containsOnlyKeys(key);
        }

        @Test
        void rejectsSixtyFiveCharacters() {
            assertThatThrownBy(() -> Attributes.of(Map.of("k".repeat(65), "value")))
                    .isInstanceOfSatisfying(InvalidUserDataException.class,
                            e -> assertThat(e.field()).isEqualTo("attributes"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "has space", " team", "team ", "a:b", "a=b", "a/b", "a,b", "ключ", "clé", "a\nb"})
        void rejectsAnyOtherCharacter(String key) {
            assertThatThrownBy(() -> Attributes.of(Map.of(key, "value")))
                    .isInstanceOfSatisfying(InvalidUserDataException.class,
                            e -> assertThat(e.field()).isEqualTo("attributes"));
            assertThatThrownBy(() -> Attributes.checkKey(key)).isInstanceOf(InvalidUserDataException.class);
        }

        @Test
        void rejectsANullKey() {
            Map<String, String> withNullKey = new HashMap<>();
            withNullKey.put(null, "value");

            assertThatThrownBy(() -> Attributes.of(withNullKey)).isInstanceOf(InvalidUserDataException.class);
            assertThatThrownBy(() -> Attributes.checkKey(null)).isInstanceOf(InvalidUserDataException.class);
        }

        @Test
        void checkKeyAcceptsAValidKeyOnItsOwn() {
            Attributes.checkKey("cost-centre");
            Attributes.checkKey("k".repeat(64));
            assertThatThrownBy(() -> Attributes.checkKey("k".repeat(65))).isInstanceOf(InvalidUserDataException.class);
        }
    }

    @Nested
    class Values {
        @ParameterizedTest
        @ValueSource(strings = {"", " ", "London", "Zoë", "line one\nline two"})
        void acceptsAnyString(String value) {
            assertThat(Attributes.of(Map.of("key", value)).asMap()).containsEntry("key", value);
        }

        @Test
        void acceptsOneThousandCharacters() {
            String value = "v".repeat(Attributes.MAX_VALUE_LENGTH);

            assertThat(Attributes.of(Map.of("key", value)).asMap()).containsEntry("key", value);
        }

        @Test
        void countsCodePointsNotUtf16Units() {
            String value = EMOJI.repeat(1000);

            assertThat(Attributes.of(Map.of("key", value)).asMap()).containsEntry("key", value);
            assertThatThrownBy(() -> Attributes.of(Map.of("key", EMOJI.repeat(1001))))
                    .isInstanceOf(InvalidUserDataException.class);
        }

        @Test
        void rejectsOneThousandAndOneCharactersNamingTheKey() {
            assertThatThrownBy(() -> Attributes.of(Map.of("bio", "v".repeat(1001))))
                    .isInstanceOfSatisfying(InvalidUserDataException.class,
                            e -> assertThat(e.field()).isEqualTo("attributes.bio"))
                    .hasMessageContaining("1000");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\u0000b", "\u0001", "a\u001Bb", "a\u007F", "\u0080", "a\u0085b", "a\u009F",
                "\u000B", "\u000C"})
        void rejectsControlCharactersNamingTheKey(String value) {
            assertThatThrownBy(() -> Attributes.of(Map.of("bio", value)))
                    .isInstanceOfSatisfying(InvalidUserDataException.class,
                            e -> assertThat(e.field()).isEqualTo("attributes.bio"))
                    .hasMessageContaining("control characters");
        }

        @ParameterizedTest
        @ValueSource(strings = {"tab\tseparated", "line one\r\nline two", "ends with a line feed\n"})
        void acceptsTabLineFeedAndCarriageReturn(String value) {
            assertThat(Attributes.of(Map.of("note", value)).asMap()).containsEntry("note", value);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\uD800", "a\uDC00b", "\uD83D", "\uDE00\uD83D"})
        void rejectsUnpairedSurrogates(String value) {
            assertThatThrownBy(() -> Attributes.of(Map.of("bio", value)))
                    .isInstanceOfSatisfying(InvalidUserDataException.class,
                            e -> assertThat(e.field()).isEqualTo("attributes.bio"));
        }

        @Test
        void rejectsAControlCharacterInAChangedValue() {
            Attributes current = Attributes.of(Map.of("team", "analytics"));

            assertThatThrownBy(() -> current.with(new AttributeChanges(false, Map.of("team", "a\u0000b"), Set.of())))
                    .isInstanceOf(InvalidUserDataException.class);
        }

        @Test
        void rejectsANullValueNamingTheKey() {
            Map<String, String> withNullValue = new HashMap<>();
            withNullValue.put("bio", null);

            assertThatThrownBy(() -> Attributes.of(withNullValue))
                    .isInstanceOfSatisfying(InvalidUserDataException.class,
                            e -> assertThat(e.field()).isEqualTo("attributes.bio"));
        }
    }

    @Nested
    class With {
        private final Attributes current = Attributes.of(Map.of("team", "analytics", "city", "London"));

        @Test
        void noChangesGiveEqualAttributes() {
            assertThat(current.with(AttributeChanges.none())).isEqualTo(current);
        }

        @Test
        void upsertsAddAndOverwriteAndKeepTheRest() {
            Attributes result = current.with(new AttributeChanges(false, Map.of("team", "research", "floor", "3"), Set.of()));

            assertThat(result.asMap()).containsExactly(
                    Map.entry("city", "London"), Map.entry("floor", "3"), Map.entry("team", "research"));
        }

        @Test
        void removalsDropKeysAndIgnoreAbsentOnes() {
            Attributes result = current.with(new AttributeChanges(false, Map.of(), Set.of("city", "absent")));

            assertThat(result.asMap()).containsExactly(Map.entry("team", "analytics"));
        }

        @Test
        void replaceAllStartsFromNothing() {
            Attributes result = current.with(AttributeChanges.replaceWith(Attributes.of(Map.of("floor", "3"))));

            assertThat(result.asMap()).containsExactly(Map.entry("floor", "3"));
            assertThat(current.with(AttributeChanges.clearAll())).isEqualTo(Attributes.none());
        }

        @Test
        void leavesTheOriginalUnchanged() {
            current.with(AttributeChanges.clearAll());

            assertThat(current.asMap()).containsOnlyKeys("team", "city");
        }

        @Test
        void rejectsAResultOverTheLimit() {
            Attributes full = Attributes.of(entries(50));

            assertThatThrownBy(() -> full.with(new AttributeChanges(false, Map.of("one-more", "v"), Set.of())))
                    .isInstanceOf(InvalidUserDataException.class);
            assertThat(full.with(new AttributeChanges(false, Map.of("one-more", "v"), Set.of("key0"))).size())
                    .isEqualTo(50);
        }

        @Test
        void rejectsAnInvalidUpsertedKey() {
            assertThatThrownBy(() -> current.with(new AttributeChanges(false, Map.of("bad key", "v"), Set.of())))
                    .isInstanceOf(InvalidUserDataException.class);
        }
    }

    @Nested
    class NeverRevealValues {
        @Test
        void inToString() {
            Attributes attributes = Attributes.of(Map.of("diagnosis", "secret-condition"));

            assertThat(attributes.toString()).doesNotContain("secret-condition").contains("1");
        }

        @Test
        void inTheMessageOfARejection() {
            String value = "secret-condition ".repeat(100);
            InvalidUserDataException e = catchThrowableOfType(InvalidUserDataException.class,
                    () -> Attributes.of(Map.of("diagnosis", value)));

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).doesNotContain("secret");
        }

        @Test
        void inAttributeChanges() {
            AttributeChanges changes = new AttributeChanges(false, Map.of("diagnosis", "secret-condition"), Set.of("x"));

            assertThat(changes.toString()).doesNotContain("secret-condition");
        }
    }

    @Nested
    class FromStorage {
        @Test
        void holdsTheStoredEntriesInKeyOrder() {
            Attributes stored = Attributes.fromStorage(java.util.Map.of("team", "core", "dept", "r&d"));
            assertThat(stored.asMap()).containsExactly(java.util.Map.entry("dept", "r&d"), java.util.Map.entry("team", "core"));
            assertThat(stored).isEqualTo(Attributes.of(java.util.Map.of("dept", "r&d", "team", "core")));
        }

        @Test
        void emptyIsNone() {
            assertThat(Attributes.fromStorage(java.util.Map.of())).isEqualTo(Attributes.none());
        }
    }
}
