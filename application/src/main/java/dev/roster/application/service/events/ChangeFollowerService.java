package dev.roster.application.service.events;

import dev.roster.application.model.events.ChangeFeedTail;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.port.in.events.FollowChangesUseCase;
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
 * starts again lower) empties the caches instead. Having applied events it wakes this instance's long polls, which
 * would otherwise learn of other instances' events only on the sequencer's sweep. The feed is read through the tail
 * the driver passes: on the driver's own connection, never waiting for the requests' pool.
 */
public final class ChangeFollowerService implements FollowChangesUseCase {
    static final int BATCH = 1_000;

    private final UserReadCache cache;
    private final StatisticsInvalidation statistics;
    private final EventSequencer sequencer;
    /** The last position applied; -1 until touch is first established. */
    private long applied = -1;
    private boolean inTouch;

    public ChangeFollowerService(UserReadCache cache, StatisticsInvalidation statistics, EventSequencer sequencer) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.sequencer = Objects.requireNonNull(sequencer, "sequencer");
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
    public synchronized void regainedTouch(ChangeFeedTail tail) {
        if (applied < 0) {
            applied = tail.lastPosition();
        } else {
            apply(tail);
        }
        inTouch = true;
        cache.resume();
    }

    @Override
    public synchronized void catchUp(ChangeFeedTail tail) {
        if (inTouch) {
            apply(tail);
        }
    }

    /** Whether the caches are trusted: touch was established and not lost since. */
    public synchronized boolean inTouch() {
        return inTouch;
    }

    private void apply(ChangeFeedTail tail) {
        long start = applied;
        long pruned = tail.prunedThrough();
        long last = tail.lastPosition();
        if (pruned > applied || last < applied) {
            // retention removed events this instance never saw, or the feed was emptied and starts again (a restored
            // backup, tests): whatever those events changed may be cached
            cache.suspend();
            statistics.signupsChanged();
            applied = last;
            cache.resume();
        }
        List<ChangeFeedTail.Entry> batch;
        do {
            batch = tail.after(applied, BATCH);
            for (ChangeFeedTail.Entry entry : batch) {
                evictFor(entry);
                applied = entry.position();
            }
        } while (batch.size() == BATCH);
        if (applied > start) {
            sequencer.feedReached(applied);
        }
    }

    private void evictFor(ChangeFeedTail.Entry entry) {
        cache.evict(entry.userId());
        if (entry.type() == ChangeType.USER_PURGED) {
            statistics.signupsChanged();
        } else if (entry.type() == ChangeType.USER_CREATED) {
            entry.userId().timeOrderedAt().ifPresentOrElse(statistics::signupsChangedAt, statistics::signupsChanged);
        }
    }
}
