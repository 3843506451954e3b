package dev.roster.bootstrap.events;

import dev.roster.application.model.events.EventFilter;
import dev.roster.application.model.events.StoredChangeEvent;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.events.ChangeFeedPage;
import dev.roster.application.port.in.events.ChangeFeedQuery;
import dev.roster.application.port.in.events.ReadChangeFeedUseCase;
import dev.roster.application.port.in.lifecycle.DeactivateUserUseCase;
import dev.roster.application.port.in.users.CreateUserCommand;
import dev.roster.application.port.in.users.CreateUserUseCase;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.Email;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §6 ordering, on the configured database (PostgreSQL in CI): while 8 writers make 4,000 changes concurrently, a
 * reader that follows {@code after=} in a loop sees every event exactly once, in increasing positions, and each user's
 * events in the order of that user's changes. A position sequence taken in the writers' transactions would fail
 * this: a transaction that took a lower number can commit after the reader has passed it.
 */
@MicronautTest(transactional = false)
class ChangeFeedOrderingTest {
    private static final int WRITERS = 8;
    private static final int USERS_PER_WRITER = 250; // each user is created, then deactivated: 2 changes
    private static final int CHANGES = WRITERS * USERS_PER_WRITER * 2;

    @Inject
    TestDatabase database;
    @Inject
    CreateUserUseCase create;
    @Inject
    DeactivateUserUseCase deactivate;
    @Inject
    ReadChangeFeedUseCase feed;

    @BeforeEach
    void startFromAnEmptyFeed() {
        database.clear();
    }

    @Test
    void aReaderFollowingAfterSeesEveryEventOnceInIncreasingPositionsUnderEightWriters() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<List<StoredChangeEvent>> reader = pool.submit(() -> follow(writing));
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < USERS_PER_WRITER; i++) {
                        UserView user = create.create(new CreateUserCommand(new Email("w" + writer + "-" + i + "@example.org"),
                                Optional.empty(), Optional.empty(), Attributes.none(), Set.of(), Optional.empty()));
                        deactivate.deactivate(new dev.roster.domain.user.UserId(user.id()));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            List<StoredChangeEvent> seen = reader.get(2, TimeUnit.MINUTES);

            assertThat(seen).hasSize(CHANGES);
            Set<UUID> ids = new HashSet<>();
            long previous = 0;
            Map<Object, List<String>> perUser = new HashMap<>();
            for (StoredChangeEvent event : seen) {
                assertThat(event.position()).as("positions increase").isGreaterThan(previous);
                assertThat(ids.add(event.event().id())).as("seen once: %s", event.event().id()).isTrue();
                previous = event.position();
                perUser.computeIfAbsent(event.event().userId(), user -> new ArrayList<>()).add(event.event().type().wireName());
            }
            assertThat(perUser).hasSize(WRITERS * USERS_PER_WRITER)
                    .allSatisfy((user, types) -> assertThat(types).containsExactly("user.created", "user.deactivated"));
            assertThat(previous).as("no gaps: the positions are 1..n").isEqualTo(CHANGES);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads after the last position seen, as a consumer does, until the writers are done and nothing is left. */
    private List<StoredChangeEvent> follow(AtomicBoolean writing) {
        List<StoredChangeEvent> seen = new ArrayList<>();
        long after = 0;
        while (true) {
            boolean last = !writing.get();
            ChangeFeedPage page = feed.read(new ChangeFeedQuery(OptionalLong.of(after), 100, EventFilter.ALL, Duration.ofMillis(50)));
            seen.addAll(page.items());
            after = page.next();
            if (last && page.items().isEmpty()) {
                return seen;
            }
        }
    }
}
