package dev.roster.application.fakes;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts of the fake's query semantics that the directory service tests cannot reach on their own. */
class InMemoryUserQueriesTest {

    @Test
    void comparesIdsAsUnsignedNumbersAsDatabasesDo() {
        UUID low = UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff");
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
        UUID highLsb = UUID.fromString("00000000-0000-0000-8000-000000000000");
        UUID lowLsb = UUID.fromString("00000000-0000-0000-0000-000000000001");

        assertThat(InMemoryUserQueries.compareUnsigned(low, high)).isNegative();
        assertThat(InMemoryUserQueries.compareUnsigned(high, low)).isPositive();
        assertThat(InMemoryUserQueries.compareUnsigned(lowLsb, highLsb)).isNegative();
        assertThat(InMemoryUserQueries.compareUnsigned(high, UUID.fromString(high.toString()))).isZero();
        assertThat(low.compareTo(high)).as("UUID.compareTo is signed").isPositive();
    }
}
