package dev.roster.application.model.webhooks;

import dev.roster.application.model.ApplicationException;

/** A webhook field with a value the API refuses (400 validation-failed naming the field); never quotes the value. */
public final class InvalidWebhookException extends ApplicationException {
    private final String field;

    public InvalidWebhookException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
