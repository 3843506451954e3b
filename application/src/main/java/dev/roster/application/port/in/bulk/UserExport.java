package dev.roster.application.port.in.bulk;

import dev.roster.application.model.users.UserView;

import java.util.List;

/**
 * An export in progress: pages of users read one short transaction at a time (keyset, no cursor held open between
 * pages), then {@link #complete} to record it in the audit trail with its row count. Not thread-safe: one consumer.
 */
public interface UserExport {

    /** The next page, empty when the export is exhausted. */
    List<UserView> nextPage();

    /** Records the export (format, fields, whether filtered, rows written; no personal data). */
    void complete(String format, long rows);
}
