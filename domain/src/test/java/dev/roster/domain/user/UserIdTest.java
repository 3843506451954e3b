package dev.roster.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long SEED = 20260101L;

    @Nested
    class Parse {
        @ParameterizedTest
        @ValueSource(strings = {
                "019b76da-a800-7000-8000-000000000001",
                "00000000-0000-0000-0000-000000000000",
                "ffffffff-ffff-ffff-ffff-ffffffffffff",
                "123e4567-e89b-12d3-a456-426614174000"})
        void acceptsTheCanonicalForm(String text) {
            UserId id = UserId.parse(text);

            assertThat(id.value()).isEqualTo(UUID.fromString(text));
            assertThat(id.toString()).isEqualTo(text);
        }

        @Test
        void roundTripsThroughToString() {
            UserId id = UserId.newTimeOrdered(T0, new Random(SEED));

            assertThat(UserId.parse(id.toString())).isEqualTo(id);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {
                " ",
                "not-a-uuid",
                "019b76da-a800-7000-8000-00000000001",
                "019b76da-a800-7000-8000-0000000000012",
                "019b76daa80070008000000000000001",
                "{019b76da-a800-7000-8000-000000000001}",
                "urn:uuid:019b76da-a800-7000-8000-000000000001",
                " 019b76da-a800-7000-8000-000000000001",
                "019b76da-a800-7000-8000-000000000001 ",
                "019b76da-a800-7000-8000-00000000000g",
                "019b76da_a800_7000_8000_000000000001",
                "1-2-3-4-5",
                "019b76da-a800-7000-8000-0000-0000001"})
        void rejectsMalformedInput(String text) {
            assertThatThrownBy(() -> UserId.parse(text))
                    .isInstanceOfSatisfying(InvalidUserDataException.class, e -> assertThat(e.field()).isEqualTo("id"))
                    .hasMessage("must be a UUID");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "+19b76da-a800-7000-8000-000000000001",
                "0000000001-00-0000-0000-000000000000",
                "ffffffff00-0-00000-0000-000000000000"})
        void rejectsThirtySixCharactersThatAreNotTheCanonicalForm(String text) {
            assertThatThrownBy(() -> UserId.parse(text)).isInstanceOf(InvalidUserDataException.class);
        }
    }

    @Nested
    class NewTimeOrdered {
        @Test
        void isAVersion7UuidWithTheRfcVariant() {
            Random random = new Random(SEED);
            for (int i = 0; i < 1000; i++) {
                UUID uuid = UserId.newTimeOrdered(T0.plusMillis(i), random).value();

                assertThat(uuid.version()).isEqualTo(7);
                assertThat(uuid.variant()).isEqualTo(2);
            }
        }

        @Test
        void startsWithTheUnixMillisecondsOfItsInstant() {
            Instant now = Instant.parse("2026-03-04T05:06:07.089123456Z");

            UUID uuid = UserId.newTimeOrdered(now, new Random(SEED)).value();

            assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
            assertThat(uuid.toString()).startsWith(String.format("%08x-%04x",
                    now.toEpochMilli() >>> 16, now.toEpochMilli() & 0xFFFF));
        }

        @Test
        void idsCreatedLaterSortLaterAsUuidsAndAsText() {
            Random random = new Random(SEED);
            List<UserId> ids = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                ids.add(UserId.newTimeOrdered(T0.plus(Duration.ofMillis(7L * i)), random));
            }

            assertThat(ids).isSortedAccordingTo(Comparator.comparing(UserId::value));
            assertThat(ids).isSortedAccordingTo(Comparator.comparing(UserId::toString));
        }

        @Test
        void isOrderedAcrossYears() {
            Random random = new Random(SEED);
            UserId earlier = UserId.newTimeOrdered(Instant.parse("2020-01-01T00:00:00Z"), random);
            UserId later = UserId.newTimeOrdered(Instant.parse("2090-01-01T00:00:00Z"), random);

            assertThat(earlier.value()).isLessThan(later.value());
            assertThat(earlier.toString()).isLessThan(later.toString());
        }

        @Test
        void isDistinctWithinOneMillisecond() {
            Random random = new Random(SEED);
            Set<UserId> ids = new HashSet<>();
            for (int i = 0; i < 10_000; i++) {
                ids.add(UserId.newTimeOrdered(T0, random));
            }

            assertThat(ids).hasSize(10_000);
        }

        @Test
        void isDeterministicForASeed() {
            UserId one = UserId.newTimeOrdered(T0, new Random(SEED));
            UserId two = UserId.newTimeOrdered(T0, new Random(SEED));
            UserId other = UserId.newTimeOrdered(T0, new Random(SEED + 1));

            assertThat(one).isEqualTo(two);
            assertThat(one).isNotEqualTo(other);
        }
    }

    @Test
    void rejectsANullValue() {
        assertThatThrownBy(() -> new UserId(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void isEqualByValue() {
        UUID uuid = UUID.fromString("019b76da-a800-7000-8000-000000000001");

        assertThat(new UserId(uuid)).isEqualTo(new UserId(uuid)).hasSameHashCodeAs(new UserId(uuid));
    }

    @Test
    void printsAsTheCanonicalUuid() {
        assertThat(new UserId(UUID.fromString("019B76DA-A800-7000-8000-00000000000A")).toString())
                .isEqualTo("019b76da-a800-7000-8000-00000000000a");
    }

    @Test
    void aTimeOrderedIdTellsTheMillisecondItWasMadeFor() {
        Instant at = Instant.parse("2025-03-04T05:06:07.089Z");

        assertThat(UserId.newTimeOrdered(at, new Random(SEED)).timeOrderedAt()).contains(at);
        assertThat(UserId.newTimeOrdered(at.plusNanos(999_999), new Random(SEED)).timeOrderedAt()).contains(at);
    }

    @Test
    void anIdOfAnotherVersionTellsNoTime() {
        assertThat(new UserId(UUID.randomUUID()).timeOrderedAt()).isEmpty();
    }
}
