package dev.roster.application.model.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The deadline rule of GDPR Art. 12(3) as SPEC §8 states it: {@code ZonedDateTime.plusMonths} in the configured zone. */
class CalendarMonthsTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    @ParameterizedTest(name = "{0} + {1} month(s) = {2}")
    @CsvSource({
            // the SPEC's example: 31 January is due on the last day of February, and extended by 2 on 30 April
            "2025-01-31T10:00:00Z, 1, 2025-02-28T10:00:00Z",
            "2025-01-31T10:00:00Z, 3, 2025-04-30T10:00:00Z",
            "2025-01-31T10:00:00Z, 2, 2025-03-31T10:00:00Z",
            // the same day of the next month when it has one
            "2025-01-15T08:30:00.123456Z, 1, 2025-02-15T08:30:00.123456Z",
            "2025-03-31T23:59:59Z, 1, 2025-04-30T23:59:59Z",
            "2025-12-31T12:00:00Z, 1, 2026-01-31T12:00:00Z",
            "2025-11-30T12:00:00Z, 3, 2026-02-28T12:00:00Z",
            // leap years: 29 February exists in 2024 and 2028, not in 2025 or 2100
            "2024-01-31T10:00:00Z, 1, 2024-02-29T10:00:00Z",
            "2024-01-29T10:00:00Z, 1, 2024-02-29T10:00:00Z",
            "2024-02-29T10:00:00Z, 1, 2024-03-29T10:00:00Z",
            "2024-02-29T10:00:00Z, 3, 2024-05-29T10:00:00Z",
            "2023-01-29T10:00:00Z, 1, 2023-02-28T10:00:00Z",
            "2027-12-31T00:00:00Z, 2, 2028-02-29T00:00:00Z",
            "2099-12-31T00:00:00Z, 2, 2100-02-28T00:00:00Z"})
    void addsCalendarMonthsInUtc(Instant start, int months, Instant expected) {
        assertThat(CalendarMonths.after(start, months, UTC)).isEqualTo(expected);
    }

    @Test
    void followsTheLocalCalendarWhereTheLocalDateDiffersFromTheUtcDate() {
        // 30 January 12:00 UTC is already 31 January 01:00 in Auckland (UTC+13): the month ends there on 28 February
        // 01:00 local, which is 27 February 12:00 UTC; counted in UTC it would be 28 February 12:00 UTC.
        Instant received = Instant.parse("2025-01-30T12:00:00Z");

        assertThat(CalendarMonths.after(received, 1, ZoneId.of("Pacific/Auckland"))).isEqualTo(Instant.parse("2025-02-27T12:00:00Z"));
        assertThat(CalendarMonths.after(received, 1, UTC)).isEqualTo(Instant.parse("2025-02-28T12:00:00Z"));
    }

    @Test
    void keepsTheLocalTimeAcrossADaylightSavingChange() {
        // 28 February 21:00 in Los Angeles (PST, UTC-8) is 1 March 05:00 UTC. A month later it is 28 March 21:00 local,
        // now PDT (UTC-7): 29 March 04:00 UTC. Counted in UTC it would be 1 April 05:00 UTC, three days later.
        Instant received = Instant.parse("2025-03-01T05:00:00Z");

        assertThat(CalendarMonths.after(received, 1, ZoneId.of("America/Los_Angeles"))).isEqualTo(Instant.parse("2025-03-29T04:00:00Z"));
        assertThat(CalendarMonths.after(received, 1, UTC)).isEqualTo(Instant.parse("2025-04-01T05:00:00Z"));
    }

    @Test
    void aLocalTimeThatDaylightSavingSkipsMovesForward() {
        // 9 February 02:30 in Los Angeles exists; 9 March 02:30 does not (clocks jump from 02:00 to 03:00): 03:30 PDT.
        Instant received = Instant.parse("2025-02-09T10:30:00Z");

        assertThat(CalendarMonths.after(received, 1, ZoneId.of("America/Los_Angeles"))).isEqualTo(Instant.parse("2025-03-09T10:30:00Z"));
    }

    @Test
    void zeroMonthsIsTheStartItself() {
        Instant start = Instant.parse("2025-01-31T10:00:00Z");

        assertThat(CalendarMonths.after(start, 0, UTC)).isEqualTo(start);
    }
}
