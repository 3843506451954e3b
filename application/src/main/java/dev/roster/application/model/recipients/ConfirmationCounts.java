package dev.roster.application.model.recipients;

/**
 * Erasure requests without a confirmation, for operators: {@code pending} (the delivery has not given up),
 * {@code failed} (it has), and of both {@code overdue} (asked longer ago than the confirmation window).
 */
public record ConfirmationCounts(long pending, long overdue, long failed) {
}
