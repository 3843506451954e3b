package dev.roster.bootstrap.lifecycle;

import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditFilter;
import dev.roster.application.port.in.lifecycle.SoftDeleteUserUseCase;
import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.ErasureReceiptRepository;
import dev.roster.application.port.out.users.UserQueries;
import dev.roster.application.service.erasure.ErasureService;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention job's batches on the real database (H2, and PostgreSQL in CI): SKIP LOCKED splits the work. */
@MicronautTest(transactional = false)
class RetentionTest {
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    SoftDeleteUserUseCase softDelete;
    @Inject
    ErasureService erasure;
    @Inject
    ErasureReceiptRepository receipts;
    @Inject
    AuditLog auditLog;
    @Inject
    UserQueries queries;
    @Inject
    TransactionBoundary transactions;

    private final List<UserId> deleted = new ArrayList<>();

    @BeforeEach
    void twentySoftDeletedUsers() {
        database.clear();
        deleted.clear();
        for (int i = 0; i < 20; i++) {
            UserId id = new UserId(accounts.createUser("retired-" + i + "@roster.test").id());
            softDelete.softDelete(id);
            deleted.add(id);
        }
    }

    @Test
    void twoConcurrentRunsEraseEveryExpiredUserExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            runs.add(pool.submit(() -> {
                start.await();
                int total = 0;
                for (int erased = erasure.eraseExpiredBatch(Duration.ZERO, 3); erased > 0;
                     erased = erasure.eraseExpiredBatch(Duration.ZERO, 3)) {
                    total += erased;
                }
                return total;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> run : runs) {
            total += run.get();
        }
        pool.shutdown();

        assertThat(total).isEqualTo(20);
        for (UserId id : deleted) {
            assertThat(transactions.readOnly(() -> queries.findById(id)).orElseThrow().status()).isEqualTo(UserStatus.ANONYMIZED);
            assertThat(transactions.readOnly(() -> receipts.findByUser(id))).isPresent();
        }
        var events = transactions.readOnly(() -> auditLog.find(new AuditFilter(Optional.empty(), Optional.empty(),
                Optional.of(AuditAction.USER_ANONYMIZED), Optional.empty(), Optional.empty()), 0, 1000));
        assertThat(events).hasSize(20);
        assertThat(new HashSet<>(events.stream().map(event -> event.event().target().orElseThrow()).toList())).hasSize(20);
    }

    @Test
    void usersDeletedMoreRecentlyThanTheRetentionPeriodStay() {
        assertThat(erasure.eraseExpiredBatch(Duration.ofDays(30), 100)).isZero();

        assertThat(deleted).allSatisfy(id ->
                assertThat(transactions.readOnly(() -> queries.findById(id)).orElseThrow().status()).isEqualTo(UserStatus.DELETED));
    }
}
