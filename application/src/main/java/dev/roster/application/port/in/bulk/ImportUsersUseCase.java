package dev.roster.application.port.in.bulk;

import java.util.Iterator;

/**
 * Brings many users in from a file (a migration from another system): rows are validated, then written in batches,
 * each batch its own transaction. A dry run goes through the very same steps in one transaction that is rolled back
 * at the end, so its report is exactly what a real run would have done at that moment, and nothing is written.
 */
public interface ImportUsersUseCase {

    /**
     * @param rows the parsed rows, in file order; may throw {@link ImportInputException} when the input cannot be read
     *             on (the rows before it are then reported by an {@link ImportAbortedException})
     */
    ImportReport importUsers(ImportOptions options, Iterator<ImportRow> rows);
}
