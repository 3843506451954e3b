package dev.roster.application.port.in.lifecycle;

import dev.roster.application.model.ApplicationException;

/** The user owns no file with that id. */
public final class FileNotFoundException extends ApplicationException {
    public FileNotFoundException() {
        super("the user owns no file with that id");
    }
}
