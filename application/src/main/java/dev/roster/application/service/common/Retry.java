package dev.roster.application.service.common;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs a transaction again when it lost a race (another writer changed or created the same user between its reads
 * and its writes), at most {@link #ATTEMPTS} times in all. Each attempt must be a whole transaction of its own.
 */
public final class Retry {
    /** How many times a write that lost a race is tried in all. */
    public static final int ATTEMPTS = 3;

    private Retry() {
    }

    /** Runs {@code once} until it succeeds, throws what {@code lostRace} does not accept, or the attempts run out. */
    public static <T> T whenLostRace(Predicate<RuntimeException> lostRace, Supplier<T> once) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once.get();
            } catch (RuntimeException failure) {
                if (attempt >= ATTEMPTS || !lostRace.test(failure)) {
                    throw failure;
                }
            }
        }
    }
}
