package dev.roster.application.service.events;

import dev.roster.application.fakes.InMemoryChangeEventLog;
import dev.roster.application.fakes.InMemoryEventSequencer;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.model.access.Principal;
import dev.roster.application.model.events.ChangeEvent;
import dev.roster.application.model.events.ChangeFeedTail;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.model.events.EventFilter;
import dev.roster.application.model.events.StoredChangeEvent;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.out.events.ChangeEventLog;
import dev.roster.application.port.out.stats.StatisticsInvalidation;
import dev.roster.application.port.out.users.UserReadCache;
import dev.roster.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeFollowerServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");

    private final InMemoryUserStore store = new InMemoryUserStore();
    private final InMemoryChangeEventLog log = new InMemoryChangeEventLog(store);
    private final InMemoryEventSequencer sequencer = new InMemoryEventSequencer(log);
    private final RecordingCache cache = new RecordingCache();
    private final RecordingStatistics statistics = new RecordingStatistics();
    private final ChangeFollowerService follower = new ChangeFollowerService(cache, statistics, sequencer);
    private final ChangeFeedTail tail = tailOf(log);
    private final Random random = new Random(14);

    @Test
    void firstTouchStartsAtTheFeedsEndAndResumesTheCache() {
        append(ChangeType.USER_DEACTIVATED, newId());
        follower.lostTouch();

        follower.regainedTouch(tail);

        assertThat(cache.evicted).isEmpty();
        assertThat(cache.calls).containsExactly("suspend", "resume");
        assertThat(follower.inTouch()).isTrue();
    }

    @Test
    void evictsTheUserOfEveryEventPlacedSinceTheLastCatchUpOnce() {
        touch();
        UserId deactivated = newId();
        UserId revoked = newId();
        append(ChangeType.USER_DEACTIVATED, deactivated);
        append(ChangeType.USER_ROLES_CHANGED, revoked);

        follower.catchUp(tail);
        follower.catchUp(tail);

        assertThat(cache.evicted).containsExactly(deactivated, revoked);
        assertThat(sequencer.reached()).isEqualTo(2);
    }

    @Test
    void catchesUpInBatchesWhenMoreThanABatchWasPlaced() {
        touch();
        for (int i = 0; i < ChangeFollowerService.BATCH + 5; i++) {
            append(ChangeType.USER_UPDATED, newId());
        }

        follower.catchUp(tail);

        assertThat(cache.evicted).hasSize(ChangeFollowerService.BATCH + 5);
        assertThat(sequencer.reached()).isEqualTo(ChangeFollowerService.BATCH + 5);
    }

    @Test
    void whileTouchIsLostTheCacheIsBypassedAndRegainingItAppliesWhatWasMissed() {
        touch();
        follower.lostTouch();
        UserId missed = newId();
        append(ChangeType.USER_DELETED, missed);

        follower.catchUp(tail); // a timer tick while out of touch: nothing applied, the cache stays suspended
        assertThat(cache.evicted).isEmpty();
        assertThat(cache.suspended).isTrue();

        follower.regainedTouch(tail);

        assertThat(cache.evicted).containsExactly(missed);
        assertThat(cache.suspended).isFalse();
        assertThat(cache.calls).containsExactly("suspend", "resume", "suspend", "evict", "resume");
    }

    @Test
    void losingTouchTwiceSuspendsOnce() {
        touch();

        follower.lostTouch();
        follower.lostTouch();

        assertThat(cache.calls).containsExactly("suspend", "resume", "suspend");
        assertThat(follower.inTouch()).isFalse();
    }

    @Test
    void aPurgeAndAnOldSignupDropTheSignupCountsAndASignupOfNowPassesItsTime() {
        touch();
        int before = statistics.changed;
        append(ChangeType.USER_PURGED, newId());
        Instant imported = Instant.parse("2019-05-01T00:00:00Z");
        append(ChangeType.USER_CREATED, UserId.newTimeOrdered(imported, random));
        append(ChangeType.USER_CREATED, new UserId(UUID.randomUUID())); // no time in it: drop the counts
        append(ChangeType.USER_UPDATED, newId());

        follower.catchUp(tail);

        assertThat(statistics.changed - before).isEqualTo(2);
        assertThat(statistics.changedAt).containsExactly(imported);
    }

    @Test
    void aGapRemovedByRetentionEmptiesTheCache() {
        touch();
        follower.lostTouch();
        append(ChangeType.USER_DEACTIVATED, newId());
        append(ChangeType.USER_DEACTIVATED, newId());
        prune();
        follower.regainedTouch(tail);
        cache.calls.clear();
        append(ChangeType.USER_DEACTIVATED, newId());
        prune(); // removed before this instance saw it

        follower.catchUp(tail);

        assertThat(cache.calls).containsExactly("suspend", "resume");
        assertThat(cache.evicted).isEmpty();
    }

    @Test
    void aFeedThatStartsAgainLowerEmptiesTheCacheAndIsFollowedFromItsNewEnd() {
        SwappableLog feed = new SwappableLog(log);
        ChangeFeedTail swappable = tailOf(feed);
        ChangeFollowerService following = new ChangeFollowerService(cache, statistics, sequencer);
        append(ChangeType.USER_UPDATED, newId());
        append(ChangeType.USER_UPDATED, newId());
        following.lostTouch();
        following.regainedTouch(swappable); // at 2
        feed.current = new InMemoryChangeEventLog(store); // emptied (a restored backup)
        append(feed.current, newId()); // position 1, below what was applied
        cache.calls.clear();

        following.catchUp(swappable);
        assertThat(cache.calls).containsExactly("suspend", "resume");

        UserId later = newId();
        append(feed.current, later);
        following.catchUp(swappable);
        assertThat(cache.evicted).containsExactly(later);
    }

    @Test
    void nothingIsAppliedBeforeTouchWasEverEstablished() {
        append(ChangeType.USER_DEACTIVATED, newId());

        follower.catchUp(tail);

        assertThat(cache.calls).isEmpty();
        assertThat(sequencer.reached()).isZero();
    }

    private void touch() {
        follower.lostTouch();
        follower.regainedTouch(tail);
        cache.calls.clear();
        cache.calls.addAll(List.of("suspend", "resume"));
    }

    /** The tail as the listener reads it: positions, types and users of the stored events. */
    private static ChangeFeedTail tailOf(ChangeEventLog events) {
        return new ChangeFeedTail() {
            @Override
            public long prunedThrough() {
                return events.prunedThrough();
            }

            @Override
            public long lastPosition() {
                return events.lastPosition();
            }

            @Override
            public List<Entry> after(long position, int limit) {
                return events.after(position, EventFilter.ALL, limit).stream()
                        .map(stored -> new Entry(stored.position(), stored.event().type(), stored.event().userId())).toList();
            }
        };
    }

    private void prune() {
        store.inTransaction(false, () -> log.pruneBefore(NOW.plusSeconds(1), 10));
    }

    private UserId newId() {
        return UserId.newTimeOrdered(NOW, random);
    }

    private void append(InMemoryChangeEventLog target, UserId user) {
        store.inTransaction(false, () -> {
            target.append(new ChangeEvent(UUID.randomUUID(), ChangeType.USER_UPDATED, NOW, user, Map.of()));
            return null;
        });
    }

    private void append(ChangeType type, UserId user) {
        store.inTransaction(false, () -> {
            log.append(new ChangeEvent(UUID.randomUUID(), type, NOW, user, Map.of()));
            return null;
        });
    }

    /** A feed that can be replaced under the follower, as a restored backup would. */
    private static final class SwappableLog implements ChangeEventLog {
        InMemoryChangeEventLog current;

        SwappableLog(InMemoryChangeEventLog current) {
            this.current = current;
        }

        @Override
        public void append(ChangeEvent event) {
            current.append(event);
        }

        @Override
        public void appendAll(List<ChangeEvent> events) {
            current.appendAll(events);
        }

        @Override
        public List<StoredChangeEvent> after(long position, EventFilter filter, int limit) {
            return current.after(position, filter, limit);
        }

        @Override
        public long lastPosition() {
            return current.lastPosition();
        }

        @Override
        public long prunedThrough() {
            return current.prunedThrough();
        }

        @Override
        public int pruneBefore(Instant cutoff, int batch) {
            return current.pruneBefore(cutoff, batch);
        }
    }

    private static final class RecordingCache implements UserReadCache {
        final List<String> calls = new ArrayList<>();
        final List<UserId> evicted = new ArrayList<>();
        boolean suspended;

        @Override
        public Optional<UserView> view(UserId id, Function<UserId, Optional<UserView>> load) {
            return load.apply(id);
        }

        @Override
        public Optional<Principal> principal(UserId id, Function<UserId, Optional<Principal>> load) {
            return load.apply(id);
        }

        @Override
        public void evict(UserId id) {
            calls.add("evict");
            evicted.add(id);
        }

        @Override
        public void suspend() {
            calls.add("suspend");
            suspended = true;
        }

        @Override
        public void resume() {
            calls.add("resume");
            suspended = false;
        }
    }

    private static final class RecordingStatistics implements StatisticsInvalidation {
        int changed;
        final List<Instant> changedAt = new ArrayList<>();

        @Override
        public void signupsChanged() {
            changed++;
        }

        @Override
        public void signupsChangedAt(Instant at) {
            changedAt.add(at);
        }
    }
}
