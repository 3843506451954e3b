package dev.roster.application.model.privacy;

import dev.roster.application.model.ApplicationException;

/** A privacy request field with a value the API refuses (400 validation-failed naming the field); never quotes the value. */
public final class InvalidPrivacyRequestException extends ApplicationException {
    private final String field;

    public InvalidPrivacyRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
