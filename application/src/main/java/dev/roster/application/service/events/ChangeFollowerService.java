package dev.roster.application.service.events;

import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.events.EventFilter;
import dev.roster.application.model.events.StoredChangeEvent;
import dev.roster.application.port.in.events.FollowChangesUseCase;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.events.ChangeEventLog;
import dev.roster.application.port.out.events.EventSequencer;
import dev.roster.application.port.out.stats.StatisticsInvalidation;
import dev.roster.application.port.out.users.UserReadCache;

import java.util.List;
import java.util.Objects;

/**
 * Follows the change feed to keep this instance's caches coherent with every instance's commits (ADR 0025). Each
 * placed event evicts its user from the read cache (views and token-check principals); a purge, and a signup
 * dated before today (an import's), drop the cached signup counts. It remembers the last position it applied, so a
 * missed notification is made good by the next catch-up; a gap that retention removed from the feed (or a feed that
 * starts again lower) empties the caches instead. Having applied events it wakes this instance's long polls, which would otherwise learn of other
 * instances' events only on the sequencer's sweep.
 */
public final class ChangeFollowerService implements FollowChangesUseCase {
    static final int BATCH = 1_000;

    private final ChangeEventLog log;
    private final UserReadCache cache;
    private final StatisticsInvalidation statistics;
    private final EventSequencer sequencer;
    private final TransactionBoundary transactions;
    /** The last position applied; -1 until touch is first established. */
    private long applied = -1;
    private boolean inTouch;

    public ChangeFollowerService(ChangeEventLog log, UserReadCache cache, StatisticsInvalidation statistics,
                                 EventSequencer sequencer, TransactionBoundary transactions) {
        this.log = Objects.requireNonNull(log, "log");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.sequencer = Objects.requireNonNull(sequencer, "sequencer");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public synchronized void lostTouch() {
        if (!inTouch && applied >= 0) {
            return;
        }
        inTouch = false;
        cache.suspend();
        statistics.signupsChanged();
    }

    @Override
    public synchronized void regainedTouch() {
        if (applied < 0) {
            applied = transactions.readOnly(log::lastPosition);
        } else {
            apply();
        }
        inTouch = true;
        cache.resume();
    }

    @Override
    public synchronized void catchUp() {
        if (inTouch) {
            apply();
        }
    }

    /** Whether the caches are trusted: touch was established and not lost since. */
    public synchronized boolean inTouch() {
        return inTouch;
    }

    private void apply() {
        long start = applied;
        long[] bounds = transactions.readOnly(() -> new long[] {log.prunedThrough(), log.lastPosition()});
        if (bounds[0] > applied || bounds[1] < applied) {
            // retention removed events this instance never saw, or the feed was emptied and starts again (a restored
            // backup, tests): whatever those events changed may be cached
            cache.suspend();
            statistics.signupsChanged();
            applied = bounds[1];
            cache.resume();
        }
        List<StoredChangeEvent> batch;
        do {
            long after = applied;
            batch = transactions.readOnly(() -> log.after(after, EventFilter.ALL, BATCH));
            for (StoredChangeEvent stored : batch) {
                evictFor(stored);
                applied = stored.position();
            }
        } while (batch.size() == BATCH);
        if (applied > start) {
            sequencer.feedReached(applied);
        }
    }

    private void evictFor(StoredChangeEvent stored) {
        cache.evict(stored.event().userId());
        ChangeType type = stored.event().type();
        if (type == ChangeType.USER_PURGED) {
            statistics.signupsChanged();
        } else if (type == ChangeType.USER_CREATED) {
            stored.event().userId().timeOrderedAt()
                    .ifPresentOrElse(statistics::signupsChangedAt, statistics::signupsChanged);
        }
    }
}
