package dev.roster.application.port.in.bulk;

import dev.roster.application.model.ApplicationException;

import java.util.Objects;

/**
 * An import stopped because its input could not be read on. {@link #report()} says what was applied before that
 * point (batches already committed stay; a dry run applied nothing); {@link #cause()} says why it stopped.
 */
public final class ImportAbortedException extends ApplicationException {
    private final ImportReport report;
    private final ImportInputException cause;

    public ImportAbortedException(ImportReport report, ImportInputException cause) {
        super(cause.getMessage());
        this.report = Objects.requireNonNull(report, "report");
        this.cause = cause;
    }

    public ImportReport report() {
        return report;
    }

    public ImportInputException reason() {
        return cause;
    }
}
