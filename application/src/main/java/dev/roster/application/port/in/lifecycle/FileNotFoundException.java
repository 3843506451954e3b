package dev.roster.application.port.in.lifecycle;

/** The user owns no file with that id. */
public final class FileNotFoundException extends RuntimeException {
    public FileNotFoundException() {
        super("the user owns no file with that id", null, false, false);
    }
}
