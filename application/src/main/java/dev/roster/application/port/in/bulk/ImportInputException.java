package dev.roster.application.port.in.bulk;

import dev.roster.application.model.ApplicationException;

/**
 * The import input cannot be read on at {@code line}: it is not well-formed (not UTF-8, an unterminated quote) or it
 * is larger than allowed ({@link #tooLarge()}). Thrown by the row source; no message quotes the input.
 */
public final class ImportInputException extends ApplicationException {
    private final long line;
    private final boolean tooLarge;

    public ImportInputException(long line, String message, boolean tooLarge) {
        super(message);
        this.line = line;
        this.tooLarge = tooLarge;
    }

    public long line() {
        return line;
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
