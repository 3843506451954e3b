package dev.roster.application.port.in.bulk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of an import file: either a user whose fields passed the API's validation, or the reasons it did not.
 * {@code line} is the (1-based) line of the file on which the record starts.
 */
public record ImportRow(long line, Optional<ImportedUser> user, List<ImportError> errors) {
    public ImportRow {
        Objects.requireNonNull(user, "user");
        errors = List.copyOf(errors);
        if (user.isPresent() == !errors.isEmpty()) {
            throw new IllegalArgumentException("a row is either a user or its errors");
        }
    }

    public static ImportRow valid(long line, ImportedUser user) {
        return new ImportRow(line, Optional.of(user), List.of());
    }

    public static ImportRow invalid(long line, List<ImportError> errors) {
        return new ImportRow(line, Optional.empty(), errors);
    }
}
