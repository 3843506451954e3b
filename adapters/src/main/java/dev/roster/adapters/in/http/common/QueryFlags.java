package dev.roster.adapters.in.http.common;

import dev.roster.adapters.in.http.problem.InvalidRequestException;

/** Boolean query parameters: {@code true} or {@code false} (any case); absent or blank means false. */
public final class QueryFlags {
    private QueryFlags() {
    }

    public static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw InvalidRequestException.of(name, "must be true or false");
    }
}
