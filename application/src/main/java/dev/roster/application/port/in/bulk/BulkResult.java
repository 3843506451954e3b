package dev.roster.application.port.in.bulk;

import dev.roster.application.model.users.UserView;

import java.util.Optional;

/**
 * What became of one bulk operation. {@code outcome}: {@code CREATED}, {@code UPDATED}, {@code DELETED}, {@code FAILED}
 * (with the failure), or, in an atomic request that failed, {@code ROLLED_BACK} (it had worked, then was undone) and
 * {@code NOT_ATTEMPTED} (after the failure).
 */
public record BulkResult(int index, Outcome outcome, Optional<UserView> user, Optional<RuntimeException> failure) {

    public enum Outcome { CREATED, UPDATED, DELETED, FAILED, ROLLED_BACK, NOT_ATTEMPTED }
}
