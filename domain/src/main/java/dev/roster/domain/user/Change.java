package dev.roster.domain.user;

import java.util.Objects;
import java.util.Optional;

/**
 * What to do with one optional field: keep it, set it to a value, or clear it. Distinguishes "absent from the
 * request" from "explicitly null", as JSON merge patch (RFC 7396) needs.
 */
public final class Change<T> {
    private static final Change<?> KEEP = new Change<>(false, null);
    private static final Change<?> CLEAR = new Change<>(true, null);

    private final boolean present;
    private final T value;

    private Change(boolean present, T value) {
        this.present = present;
        this.value = value;
    }

    @SuppressWarnings("unchecked")
    public static <T> Change<T> keep() {
        return (Change<T>) KEEP;
    }

    @SuppressWarnings("unchecked")
    public static <T> Change<T> clear() {
        return (Change<T>) CLEAR;
    }

    public static <T> Change<T> set(T value) {
        return new Change<>(true, Objects.requireNonNull(value, "value"));
    }

    /** {@code set(value)} when a value is given, {@code clear()} when it is null. */
    public static <T> Change<T> setOrClear(T valueOrNull) {
        return valueOrNull == null ? clear() : set(valueOrNull);
    }

    /** The field's value after the change, given its value before. */
    public Optional<T> applyTo(Optional<T> current) {
        return present ? Optional.ofNullable(value) : current;
    }

    @Override
    public String toString() {
        return !present ? "keep" : value == null ? "clear" : "set";
    }
}
