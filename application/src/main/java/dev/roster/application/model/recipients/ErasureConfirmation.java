package dev.roster.application.model.recipients;

import dev.roster.domain.user.UserId;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a recipient confirms: it erased the user's data at {@code erasedAt}, this many records of each kind (e.g.
 * {@code orders=3}). Kinds are short names, not free text, so that a confirmation carries no personal data.
 */
public record ErasureConfirmation(UserId userId, Instant erasedAt, Map<String, Long> counts) {
    public static final int MAX_KINDS = 50;
    public static final Pattern KIND = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    public ErasureConfirmation {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(erasedAt, "erasedAt");
        counts = Map.copyOf(new TreeMap<>(Objects.requireNonNull(counts, "counts")));
        if (counts.size() > MAX_KINDS) {
            throw new IllegalArgumentException("at most " + MAX_KINDS + " kinds");
        }
        counts.forEach((kind, count) -> {
            if (!KIND.matcher(kind).matches() || count == null || count < 0) {
                throw new IllegalArgumentException("a kind is 1 to 64 of A-Z a-z 0-9 _ . - and its count not negative");
            }
        });
    }
}
