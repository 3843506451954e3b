package dev.roster.bootstrap.persistence;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.lifecycle.FileRepository;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.application.port.out.users.UserRepositoryContract;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.Users;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The {@link UserRepository} contract against the JDBC adapter on the configured database: H2 by default,
 * PostgreSQL when DATASOURCES_DEFAULT_URL points at one (.ci/run does both). Plus what only a database can be asked.
 */
@MicronautTest(transactional = false)
class JdbcUserRepositoryTest extends UserRepositoryContract {
    private static final Instant CUTOFF = Instant.parse("2026-01-10T00:00:00Z");

    @Inject
    UserRepository repository;
    @Inject
    TransactionBoundary transactions;
    @Inject
    FileRepository files;
    @Inject
    TestDatabase database;

    @BeforeEach
    void startEmpty() {
        database.clear();
    }

    @Override
    protected UserRepository repository() {
        return repository;
    }

    @Override
    protected TransactionBoundary transactions() {
        return transactions;
    }

    @Override
    protected FileRepository files() {
        return files;
    }

    /**
     * The in-memory fake runs transactions one after another, so only a database shows the "skipping users another
     * transaction has locked" of {@link UserRepository#lockDeletedBefore}: a second run answers at once, while the
     * first still holds the one user it took, with the users the first did not take.
     */
    @Test
    void onPostgresqlASecondRunGetsAtOnceTheUsersTheFirstDidNotTake() throws Exception {
        assumeThat(database.productName()).isEqualTo("PostgreSQL");

        assertThatASecondRunGetsAtOnceTheUsersTheFirstDidNotTake();
    }

    private void assertThatASecondRunGetsAtOnceTheUsersTheFirstDidNotTake() throws Exception {
        List<UserId> ids = List.of(id(1), id(2), id(3));
        for (int i = 0; i < ids.size(); i++) {
            User user = Users.anActiveUser().withId(ids.get(i)).withEmail("deleted" + i + "@example.org")
                    .createdAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)).deleted().build();
            transactions.inTransaction(() -> repository.add(user));
        }
        CountDownLatch firstHoldsItsUser = new CountDownLatch(1);
        CountDownLatch secondAnswered = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<List<UserId>> first = executor.submit(() -> transactions.inTransaction(() -> {
                List<UserId> taken = repository.lockDeletedBefore(CUTOFF, 1);
                firstHoldsItsUser.countDown();
                await(secondAnswered); // keeps its lock until the second run has answered
                return taken;
            }));
            await(firstHoldsItsUser);

            List<UserId> second = transactions.inTransaction(() -> repository.lockDeletedBefore(CUTOFF, 10));
            secondAnswered.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).containsExactly(id(1));
            assertThat(second).containsExactly(id(2), id(3));
        } finally {
            secondAnswered.countDown();
            executor.shutdownNow();
        }
    }

    private static UserId id(int n) {
        return new UserId(UUID.fromString("019b76da-a800-7000-8000-%012d".formatted(n + 900)));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for the other transaction");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
