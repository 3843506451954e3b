package dev.roster.application.port.in.bulk;

import java.util.List;

/**
 * What an import did (or, for a dry run, would have done): every processed row is exactly one of created, updated,
 * skipped or failed. {@code errors} lists failed rows' reasons in file order, at most the configured number;
 * {@code errorsTruncated} says when more were left out.
 */
public record ImportReport(boolean dryRun, long processed, long created, long updated, long skipped, long failed,
                           List<ImportError> errors, boolean errorsTruncated) {
    public ImportReport {
        errors = List.copyOf(errors);
    }
}
