package dev.roster.application.port.in.bulk;

import java.util.Objects;

/** Why one row of an import was not applied: its line, the field (column) at fault, and a message without its value. */
public record ImportError(long line, String field, String message) {
    public ImportError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
