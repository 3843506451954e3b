package dev.roster.adapters.in.http.problem;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what a JSON binding failure is about, from the binder's message, without ever quoting the body. */
public final class JsonErrors {
    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([^\\]]{1,100})]");

    private JsonErrors() {
    }

    /** The unknown member a deserialization error names, if it is one. */
    public static Optional<String> unknownProperty(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            Matcher unknown = UNKNOWN_PROPERTY.matcher(String.valueOf(t.getMessage()));
            if (unknown.find()) {
                return Optional.of(unknown.group(1));
            }
        }
        return Optional.empty();
    }
}
