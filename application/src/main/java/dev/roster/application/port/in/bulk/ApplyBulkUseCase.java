package dev.roster.application.port.in.bulk;

import java.util.List;

/**
 * Applies up to {@link #MAX_OPERATIONS} create/update/delete operations in order. Atomic: one transaction, nothing
 * stays applied if any fails. Not atomic: each operation on its own, failures reported beside successes.
 */
public interface ApplyBulkUseCase {
    int MAX_OPERATIONS = 1000;

    List<BulkResult> apply(boolean atomic, List<BulkOperation> operations);
}
