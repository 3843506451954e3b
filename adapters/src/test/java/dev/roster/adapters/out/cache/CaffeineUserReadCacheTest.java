package dev.roster.adapters.out.cache;

import dev.roster.application.model.access.Principal;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CaffeineUserReadCacheTest {
    private static final UserId ID = new UserId(UUID.fromString("019b76da-a800-7000-8000-000000000001"));
    private static final Principal USER = new Principal(ID, Set.of(Role.USER), 0);
    private static final Principal ADMIN = new Principal(ID, Set.of(Role.USER, Role.ADMIN), 0);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CaffeineUserReadCache cache = new CaffeineUserReadCache(new UserCacheProperties(true, 100, Duration.ofMinutes(1)), registry);
    private final AtomicInteger loads = new AtomicInteger();

    private Optional<Principal> load(Principal value) {
        return cache.principal(ID, id -> {
            loads.incrementAndGet();
            return Optional.ofNullable(value);
        });
    }

    @Test
    void loadsOnceThenAnswersFromMemory() {
        assertThat(load(USER)).contains(USER);
        assertThat(load(ADMIN)).contains(USER);

        assertThat(loads).hasValue(1);
    }

    @Test
    void anEvictionMakesTheNextReadLoadAgain() {
        load(USER);
        cache.evict(ID);

        assertThat(load(ADMIN)).contains(ADMIN);
        assertThat(loads).hasValue(2);
    }

    @Test
    void absentUsersAreNotCached() {
        assertThat(load(null)).isEmpty();

        assertThat(load(USER)).contains(USER);
        assertThat(loads).hasValue(2);
    }

    @Test
    void anEvictionDuringALoadRemovesWhatThatLoadRead() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        // a reader reads the old value, then stalls before caching it; meanwhile a writer commits and evicts
        CompletableFuture<Optional<Principal>> reader = CompletableFuture.supplyAsync(() -> cache.principal(ID, id -> {
            loading.countDown();
            await(committed);
            return Optional.of(USER);
        }));
        assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
        Thread writer = new Thread(() -> cache.evict(ID));
        writer.start();
        // the eviction waits for the running load of the same key (or has already finished, which the assertion catches)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (writer.getState() != Thread.State.BLOCKED && writer.getState() != Thread.State.TERMINATED
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        committed.countDown();
        writer.join(5_000);
        reader.get(5, TimeUnit.SECONDS);

        assertThat(load(ADMIN)).contains(ADMIN);
    }

    @Test
    void aSuspendedCacheForgetsEverythingAndLoadsEveryReadUntilResumed() {
        load(USER);

        cache.suspend();
        assertThat(load(ADMIN)).contains(ADMIN);
        assertThat(load(ADMIN)).contains(ADMIN);
        assertThat(loads).hasValue(3);

        cache.resume();
        assertThat(load(USER)).contains(USER);
        assertThat(load(ADMIN)).contains(USER);
        assertThat(loads).hasValue(4);
    }

    @Test
    void aLoadThatASuspensionOvertookLeavesNothingBehind() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch suspended = new CountDownLatch(1);
        // a reader reads the old value; before it caches it, the instance loses touch and regains it
        CompletableFuture<Optional<Principal>> reader = CompletableFuture.supplyAsync(() -> cache.principal(ID, id -> {
            loading.countDown();
            await(suspended);
            return Optional.of(USER);
        }));
        assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
        cache.suspend();
        cache.resume();
        suspended.countDown();
        assertThat(reader.get(5, TimeUnit.SECONDS)).contains(USER);

        assertThat(load(ADMIN)).contains(ADMIN);
    }

    @Test
    void whenDisabledEveryReadLoads() {
        CaffeineUserReadCache disabled = new CaffeineUserReadCache(new UserCacheProperties(false, 100, Duration.ofMinutes(1)), null);
        AtomicInteger disabledLoads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            disabled.principal(ID, id -> {
                disabledLoads.incrementAndGet();
                return Optional.of(USER);
            });
        }

        assertThat(disabledLoads).hasValue(3);
    }

    @Test
    void publishesHitsMissesAndEvictionsAsMetrics() {
        load(USER);
        load(USER);
        load(USER);

        assertThat(registry.get("cache.gets").tag("cache", "users.principals").tag("result", "hit").functionCounter().count())
                .isEqualTo(2.0);
        assertThat(registry.get("cache.gets").tag("cache", "users.principals").tag("result", "miss").functionCounter().count())
                .isEqualTo(1.0);
        assertThat(registry.find("cache.evictions").tag("cache", "users.views").functionCounter()).isNotNull();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
