package dev.roster.application.service.events;

import dev.roster.application.model.events.StoredChangeEvent;
import dev.roster.application.port.in.events.ChangeFeedPage;
import dev.roster.application.port.in.events.ChangeFeedQuery;
import dev.roster.application.port.in.events.CursorExpiredException;
import dev.roster.application.port.in.events.PruneChangeFeedUseCase;
import dev.roster.application.port.in.events.ReadChangeFeedUseCase;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.events.ChangeEventLog;
import dev.roster.application.port.out.events.EventSequencer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Reads the change feed (with long polling) and applies its retention. A read first places everything committed so
 * far, so a caller sees its own writes; a waiting read is woken by the sequencer as soon as a new event is placed.
 */
public final class ChangeFeedService implements ReadChangeFeedUseCase, PruneChangeFeedUseCase {
    private static final int PRUNE_BATCH = 5_000;

    private final ChangeEventLog log;
    private final EventSequencer sequencer;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Duration retention;

    public ChangeFeedService(ChangeEventLog log, EventSequencer sequencer, TransactionBoundary transactions, Clock clock,
                             Duration retention) {
        this.log = Objects.requireNonNull(log, "log");
        this.sequencer = Objects.requireNonNull(sequencer, "sequencer");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the feed's retention must be positive");
        }
    }

    @Override
    public ChangeFeedPage read(ChangeFeedQuery query) {
        sequencer.linkPending();
        Instant deadline = clock.instant().plus(query.waitAtMost());
        while (true) {
            Read read = transactions.readOnly(() -> readOnce(query));
            Duration left = Duration.between(clock.instant(), deadline);
            if (!read.items().isEmpty() || left.isNegative() || left.isZero()) {
                long next = read.items().isEmpty() ? read.start() : read.items().get(read.items().size() - 1).position();
                return new ChangeFeedPage(read.items(), next);
            }
            // Nothing that matches yet: sleep until anything new is placed (it may not match; then read and wait again).
            if (!sequencer.awaitBeyond(read.lastPosition(), left) && Thread.currentThread().isInterrupted()) {
                return new ChangeFeedPage(List.of(), read.start());
            }
        }
    }

    private Read readOnce(ChangeFeedQuery query) {
        long pruned = log.prunedThrough();
        if (query.after().isPresent() && query.after().getAsLong() < pruned) {
            throw new CursorExpiredException(pruned);
        }
        long start = query.after().orElse(pruned);
        long last = log.lastPosition();
        return new Read(start, last, log.after(start, query.filter(), query.limit()));
    }

    private record Read(long start, long lastPosition, List<StoredChangeEvent> items) {
    }

    @Override
    public int pruneExpiredBatch() {
        Instant cutoff = clock.instant().minus(retention);
        return transactions.inTransaction(() -> log.pruneBefore(cutoff, PRUNE_BATCH));
    }
}
