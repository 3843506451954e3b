package dev.roster.adapters.in.http.problem;

import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.model.webhooks.InvalidWebhookException;
import dev.roster.domain.user.InvalidUserDataException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects every rejected field of one request, so that the caller learns all of them at once. */
public final class FieldErrors {
    /** The instants every supported database can store. */
    private static final java.time.Instant EARLIEST = java.time.Instant.parse("0001-01-01T00:00:00Z");
    private static final java.time.Instant LATEST = java.time.Instant.parse("+10000-01-01T00:00:00Z");

    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** Runs a value-object constructor; a rejection is recorded under its field and yields null. */
    public <T> T attempt(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidUserDataException e) {
            errors.add(new Problem.FieldError(e.field(), e.getMessage()));
        } catch (InvalidQueryException e) {
            errors.add(new Problem.FieldError(e.parameter(), e.getMessage()));
        } catch (InvalidWebhookException e) {
            errors.add(new Problem.FieldError(e.field(), e.getMessage()));
        }
        return null;
    }

    /** Field names can come from the client (unknown members): they are cut short so an error cannot be flooded. */
    /** Like {@link #attempt}, but reports a rejection under {@code field} (the name the caller used). */
    public <T> T attemptAs(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidUserDataException e) {
            add(field, e.getMessage());
        } catch (InvalidQueryException e) {
            add(field, e.getMessage());
        }
        return null;
    }

    /** An optional ISO-8601 instant with offset; null when absent, recorded as an error when malformed. */
    public java.time.Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            java.time.Instant instant = java.time.OffsetDateTime.parse(text.strip()).toInstant();
            if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
                add(field, "must lie between the years 0001 and 9999");
                return null;
            }
            return instant;
        } catch (java.time.format.DateTimeParseException e) {
            add(field, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
            return null;
        }
    }

    public void add(String field, String message) {
        errors.add(new Problem.FieldError(field.length() > 64 ? field.substring(0, 64) + "…" : field, message));
    }

    public java.util.List<Problem.FieldError> list() {
        return java.util.List.copyOf(errors);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
