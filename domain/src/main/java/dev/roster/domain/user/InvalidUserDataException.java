package dev.roster.domain.user;

import java.util.Objects;

/** A value was rejected by a value object; {@link #field()} names the field, the message says why (never the value). */
public final class InvalidUserDataException extends DomainException {
    private final String field;

    public InvalidUserDataException(String field, String reason) {
        super(Objects.requireNonNull(reason, "reason"));
        this.field = Objects.requireNonNull(field, "field");
    }

    public String field() {
        return field;
    }
}
