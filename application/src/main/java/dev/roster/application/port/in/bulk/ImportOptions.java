package dev.roster.application.port.in.bulk;

import dev.roster.application.model.users.InvalidQueryException;

import java.util.Locale;
import java.util.Objects;

/** How an import runs: whether it writes, and what a row whose email is already taken does. */
public record ImportOptions(boolean dryRun, OnConflict onConflict) {
    public ImportOptions {
        Objects.requireNonNull(onConflict, "onConflict");
    }

    /** What happens to a row whose email belongs to a stored user (or to an earlier row of the same file). */
    public enum OnConflict {
        /** The row is counted as skipped; the stored user stays as it is. */
        SKIP,
        /** The stored user's profile (and password hash) takes the row's non-empty values. */
        UPDATE,
        /** The row is counted as failed, with an error naming the conflict; the rest of the file goes on. */
        FAIL;

        public static OnConflict parse(String text) {
            if (text == null || text.isBlank()) {
                return SKIP;
            }
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidQueryException("onConflict", "must be skip, update or fail");
            }
        }
    }
}
