package dev.roster.application.model.users;

import dev.roster.domain.user.UserId;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * A keyset position: "after the user with this id, in this sort order". The opaque text form carries only the sort
 * and the id (no sort key), so a cursor never carries personal data such as an email.
 */
public record PageCursor(UserSort sort, UserId after) {
    private static final String VERSION = "1";

    public PageCursor {
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(after, "after");
    }

    public String encode() {
        String plain = VERSION + "|" + sort.parameter() + "|" + after.value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor made by {@link #encode()} for the same sort; anything else is an {@link InvalidQueryException}. */
    public static PageCursor decode(String text, UserSort expectedSort) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw invalid();
        }
        UserSort sort;
        UUID id;
        try {
            sort = UserSort.parse(parts[1]);
            id = UUID.fromString(parts[2]);
        } catch (RuntimeException e) {
            throw invalid();
        }
        if (sort != expectedSort) {
            throw new InvalidQueryException("cursor", "was issued for another sort order");
        }
        return new PageCursor(sort, new UserId(id));
    }

    private static InvalidQueryException invalid() {
        return new InvalidQueryException("cursor", "is not a cursor this service issued");
    }
}
